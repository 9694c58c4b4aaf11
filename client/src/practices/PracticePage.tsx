import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { PracticeView } from '../../../shared/api'
import { AXIS_LABELS } from '../../../shared/practices'
import { endpoints } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { SpaceLoadError } from '../components/SpaceLoadError'
import { Loading, Notice, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { formatDate, formatDateTime } from '../lib/format'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { VersionContent } from '../versions/VersionContent'
import { EditPracticeDialog } from './PracticeDialog'
import { placeOf } from './practices-logic'
import './practices.css'

/** /practices/:id — a practice: its published copy read-only, its source for those who may read it, its comments. */
export function Component() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const practice = useLoad((signal) => endpoints.practice(id, { signal }), id)
  useDocumentTitle(practice.data?.title ?? t('practices.title'))
  if (practice.status === 'error' && !practice.data) {
    const messages = { forbidden: 'practices.forbidden', not_found: 'practices.notFound' } as const
    return <SpaceLoadError titleId="practice-title" title={t('practices.title')} error={practice.error} messages={messages} onRetry={practice.reload} />
  }
  if (!practice.data) return <Loading label={t('app.loading')} />
  return <Practice practice={practice.data} replace={practice.replace} />
}

function Practice({ practice: p, replace }: { practice: PracticeView; replace: (p: PracticeView) => void }) {
  const { t, message, locale } = useI18n()
  const navigate = useNavigate()
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)
  const [editing, setEditing] = useState(false)
  const [deleting, setDeleting] = useState(false)

  /** A button's change to the practice: the server's answer replaces it, with a word of what happened. */
  async function change(run: () => Promise<PracticeView>, done: string) {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      replace(await run())
      setNotice(done)
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  const date = formatDate(p.publishedAt, locale)
  return (
    <div className="page page-practice">
      <p className="breadcrumb">
        <Link to="/practices">{t('practices.back')}</Link>
      </p>
      <header className="space-header">
        <p className="space-type">{p.featured ? `${t('practices.title')} · ${t('practices.featured')}` : t('practices.title')}</p>
        <h1 id="practice-title">{p.title}</h1>
        <p className="space-facts">{placeOf(p)}</p>
        <p className="muted">
          {p.publisher ? t('practices.byline', { name: p.publisher.name, date }) : t('practices.bylineAnonymous', { date })}
          {p.republishedAt && ` · ${t('practices.updatedOn', { date: formatDate(p.republishedAt, locale) })}`}
        </p>
        <p className="practice-tags">
          {p.themes.map((theme) => (
            <Link key={theme} className="practice-tag" to={`/practices?${new URLSearchParams({ theme })}`}>
              {theme}
            </Link>
          ))}
          {p.axis && <span className="practice-tag practice-axis">{AXIS_LABELS[p.axis][locale]}</span>}
        </p>
        {(p.allowed.edit || p.allowed.moderate) && (
          <p className="actions">
            {p.allowed.republish && (
              <button
                type="button"
                className="button button-quiet"
                disabled={busy}
                onClick={() => void change(() => endpoints.republishPractice(p.id), t('practices.republished'))}
              >
                {t('practices.republish')}
              </button>
            )}
            {p.allowed.edit && (
              <button type="button" className="button button-quiet" onClick={() => setEditing(true)}>
                {t('practices.edit')}
              </button>
            )}
            {p.allowed.moderate && (
              <>
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={busy}
                  onClick={() => void change(() => endpoints.practiceStatus(p.id, { featured: !p.featured }), t('practices.saved'))}
                >
                  {p.featured ? t('practices.unfeature') : t('practices.feature')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  disabled={busy}
                  onClick={() => void change(() => endpoints.practiceStatus(p.id, { published: p.unpublished }), t('practices.saved'))}
                >
                  {p.unpublished ? t('practices.publishAgain') : t('practices.unpublish')}
                </button>
              </>
            )}
            {p.allowed.edit && (
              <button type="button" className="button button-quiet button-danger" onClick={() => setDeleting(true)}>
                {t('practices.delete')}
              </button>
            )}
          </p>
        )}
      </header>
      {p.unpublished && <Notice tone="info">{t('practices.unpublished')}</Notice>}
      {notice && <Notice tone="success">{notice}</Notice>}
      {error && <Notice tone="error">{message(error)}</Notice>}
      <p className="practice-summary">{p.summary}</p>
      <p className="muted">
        {p.section && `${t('practices.section', { section: p.section })} · `}
        {p.source ? <Link to={`/documents/${encodeURIComponent(p.source.id)}`}>{t('practices.source', { title: p.source.title })}</Link> : null}
        {p.source && ' · '}
        {t('practices.copyNote')}
      </p>
      <VersionContent content={p.content} label={t('practices.contentLabel')} />
      <Comments practice={p} onAdded={(comment) => replace({ ...p, comments: [...p.comments, comment] })} />
      <EditPracticeDialog
        practice={p}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false)
          replace(saved)
          setNotice(t('practices.saved'))
        }}
      />
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        title={t('practices.deleteTitle')}
        text={t('practices.deleteText')}
        confirmLabel={t('practices.delete')}
        busyLabel={t('common.saving')}
        onConfirm={async () => {
          await endpoints.deletePractice(p.id)
          void navigate('/practices', { replace: true })
        }}
      />
    </div>
  )
}

function Comments({ practice: p, onAdded }: { practice: PracticeView; onAdded: (c: PracticeView['comments'][number]) => void }) {
  const { t, message, locale } = useI18n()
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function send() {
    if (!body.trim()) return setError({ key: 'validation.required' })
    setBusy(true)
    setError(null)
    try {
      onAdded(await endpoints.commentPractice(p.id, body.trim()))
      setBody('')
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="space-section practice-comments" aria-labelledby="practice-comments-title">
      <h2 id="practice-comments-title">{t('practices.comments')}</h2>
      {p.comments.length === 0 ? (
        <p className="empty-line">{t('practices.noComments')}</p>
      ) : (
        <ol>
          {p.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author?.name ?? '—'}</strong> <span className="muted">{formatDateTime(c.createdAt, locale)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {p.allowed.comment && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void send()
          }}
        >
          <TextAreaField name="practice-comment" label={t('practices.commentLabel')} value={body} rows={3} maxLength={5000} onChange={setBody} />
          {error && <Notice tone="error">{message(error)}</Notice>}
          <div className="actions">
            <SubmitButton busy={busy} label={t('practices.commentSend')} busyLabel={t('common.saving')} />
          </div>
        </form>
      )}
    </section>
  )
}
