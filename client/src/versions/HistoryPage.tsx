import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { Comparison, VersionDetail, VersionSummary } from '../../../shared/api'
import { endpoints } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { Loading, Notice, Spinner } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { CompareView } from './CompareView'
import { ExportMenu } from './ExportMenu'
import { VersionContent } from './VersionContent'
import { versionLabel } from './labels'
import { VersionList } from './VersionList'
import { SaveVersionDialog, VersionNameDialog } from './VersionNameDialog'
import './versions.css'

const LIVE = 'live'
type View = { mode: 'compare'; from: string; to: string } | { mode: 'content'; id: string }
type Pending = { kind: 'rename' | 'lock' | 'delete' | 'restore'; version: VersionSummary } | { kind: 'save' } | null

/**
 * /documents/:id/history — the document's versions: what changed between any two, and who
 * wrote it; one version as it was; save, name, lock, restore, export.
 */
export function Component() {
  const { id = '' } = useParams()
  const { t, message } = useI18n()
  const doc = useLoad((signal) => endpoints.document(id, { signal }), id)
  const list = useLoad((signal) => endpoints.versions(id, { signal }), id)
  const [params] = useSearchParams()
  // The workflow's "compare with the validated version" link names both versions.
  const asked = params.get('from') && params.get('to') ? { mode: 'compare' as const, from: params.get('from')!, to: params.get('to')! } : null
  const [view, setView] = useState<View | null>(asked)
  const [pending, setPending] = useState<Pending>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const title = doc.data?.title ?? t('document.title')
  useDocumentTitle(t('versions.pageTitle', { title }))

  const versions = list.data?.versions ?? []
  // Newest first; by default, the newest version against the one before it.
  const current = view ?? defaultView(versions)

  function chooseVersion(v: VersionSummary) {
    const older = versions[versions.indexOf(v) + 1]
    setView(older ? { mode: 'compare', from: older.id, to: v.id } : { mode: 'content', id: v.id })
  }

  function done(notice: string) {
    setPending(null)
    setNotice(notice)
    list.reload()
  }

  async function act(action: () => Promise<unknown>, notice: string) {
    await action()
    done(notice)
  }

  const canSave = doc.data?.allowed.includes('write') ?? false
  return (
    <section className="page page-history" aria-labelledby="history-title">
      <p className="breadcrumb">
        <Link to={`/documents/${encodeURIComponent(id)}`}>{t('versions.backToDocument', { title })}</Link>
      </p>
      <div className="history-head">
        <h1 id="history-title">{t('versions.title')}</h1>
        <div className="history-actions">
          {canSave && (
            <button type="button" className="button button-primary" onClick={() => setPending({ kind: 'save' })}>
              {t('versions.save')}
            </button>
          )}
          <ExportMenu documentId={id} label={t('export.live')} />
        </div>
      </div>
      {notice && <Notice tone="success">{notice}</Notice>}
      {list.status === 'error' && <Notice tone="error">{message(describeError(list.error))}</Notice>}
      {!list.data && list.status === 'loading' && <Loading label={t('versions.loading')} />}
      {list.data && (
        <div className="history-layout">
          <div className="history-main">
            {versions.length === 0 ? (
              <p className="empty-line">{canSave ? t('versions.emptyWriter') : t('versions.empty')}</p>
            ) : (
              current && <Viewer documentId={id} versions={versions} view={current} onView={setView} />
            )}
          </div>
          <VersionList
            versions={versions}
            selected={current ? (current.mode === 'compare' ? current.to : current.id) : null}
            documentId={id}
            onChoose={chooseVersion}
            onAction={(kind, version) => setPending({ kind, version })}
          />
        </div>
      )}

      <SaveVersionDialog
        documentId={id}
        open={pending?.kind === 'save'}
        onClose={() => setPending(null)}
        onSaved={(name) => done(t('versions.saved', { name }))}
      />
      {pending && pending.kind !== 'save' && <VersionDialogs pending={pending} documentId={id} onClose={() => setPending(null)} act={act} />}
    </section>
  )
}

function defaultView(versions: VersionSummary[]): View | null {
  const [newest, older] = versions
  if (!newest) return null
  return older ? { mode: 'compare', from: older.id, to: newest.id } : { mode: 'content', id: newest.id }
}

/** The compared pair (two pickers) or one version's content. */
function Viewer({ documentId, versions, view, onView }: { documentId: string; versions: VersionSummary[]; view: View; onView: (v: View) => void }) {
  const { t, message, locale } = useI18n()
  const label = (v: VersionSummary) => versionLabel(v, t('versions.automatic'), locale)
  const key = view.mode === 'compare' ? `${view.from}>${view.to}` : view.id
  const comparison = useLoad<Comparison | VersionDetail>(
    (signal) => (view.mode === 'compare' ? endpoints.compare(documentId, view.from, view.to, { signal }) : endpoints.version(documentId, view.id, { signal })),
    key,
  )

  const from = view.mode === 'compare' ? view.from : view.id
  const to = view.mode === 'compare' ? view.to : LIVE
  return (
    <div className="viewer">
      <div className="viewer-controls">
        <label>
          {t('versions.compare.from')}{' '}
          <select value={from} onChange={(e) => onView({ mode: 'compare', from: e.target.value, to: to === e.target.value ? LIVE : to })}>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('versions.compare.to')}{' '}
          <select value={view.mode === 'compare' ? view.to : ''} onChange={(e) => onView({ mode: 'compare', from, to: e.target.value })}>
            {view.mode === 'content' && <option value="">—</option>}
            <option value={LIVE}>{t('versions.live')}</option>
            {versions
              .filter((v) => v.id !== from)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
          </select>
        </label>
        {view.mode === 'compare' && view.to !== LIVE && (
          <button type="button" className="button button-quiet" onClick={() => onView({ mode: 'content', id: view.to })}>
            {t('versions.showContent')}
          </button>
        )}
      </div>
      {comparison.status === 'loading' && (
        <p className="muted" role="status">
          <Spinner /> {t('versions.compare.loading')}
        </p>
      )}
      {comparison.status === 'error' && <Notice tone="error">{message(describeError(comparison.error))}</Notice>}
      {comparison.status === 'ready' &&
        ('blocks' in comparison.data ? <CompareView comparison={comparison.data} /> : <VersionContent content={comparison.data.prosemirror} />)}
    </div>
  )
}

function VersionDialogs({
  pending,
  documentId,
  onClose,
  act,
}: {
  pending: Exclude<Pending, { kind: 'save' } | null>
  documentId: string
  onClose: () => void
  act: (action: () => Promise<unknown>, done: string) => Promise<void>
}) {
  const { t, locale } = useI18n()
  const { version } = pending
  const name = versionLabel(version, t('versions.automatic'), locale)
  if (pending.kind === 'rename') {
    return (
      <VersionNameDialog
        open
        onClose={onClose}
        title={t('versions.renameTitle')}
        description={t('versions.renameText')}
        submitLabel={t('versions.renameConfirm')}
        initial={version.name ?? ''}
        onSubmit={(newName) => act(() => endpoints.renameVersion(documentId, version.id, { name: newName }), t('versions.renamed', { name: newName }))}
      />
    )
  }
  const texts = {
    lock: { title: t('versions.lockTitle', { name }), text: t('versions.lockText'), confirm: t('versions.lock'), done: t('versions.locked', { name }) },
    delete: {
      title: t('versions.deleteTitle', { name }),
      text: t('versions.deleteText'),
      confirm: t('versions.delete'),
      done: t('versions.deleted', { name }),
    },
    restore: {
      title: t('versions.restoreTitle', { name }),
      text: t('versions.restoreText'),
      confirm: t('versions.restore'),
      done: t('versions.restored', { name }),
    },
  }[pending.kind]
  const call = {
    lock: () => endpoints.lockVersion(documentId, version.id),
    delete: () => endpoints.deleteVersion(documentId, version.id),
    restore: () => endpoints.restoreVersion(documentId, version.id),
  }[pending.kind]
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={texts.title}
      text={texts.text}
      confirmLabel={texts.confirm}
      busyLabel={t('common.saving')}
      onConfirm={() => act(call, texts.done)}
    />
  )
}
