import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { PracticeSource, PracticeView } from '../../../shared/api'
import { AXES, AXIS_LABELS, type Axis } from '../../../shared/practices'
import { endpoints } from '../api'
import { Dialog } from '../components/Dialog'
import { Field, Loading, Notice, SelectField, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { useLoad } from '../lib/useLoad'
import { splitThemes } from './practices-logic'

type Fields = { title: string; summary: string; themes: string; axis: Axis | '' }
type Extra = { section: string; networkId: string }

/** "Publier comme bonne pratique", from a document: its title, summary, themes, axis, and the part published. */
export function PublishPracticeDialog({ documentId, open, onClose }: { documentId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('practices.form.publishTitle')} description={t('practices.form.publishDescription')}>
      <PublishForm documentId={documentId} onClose={onClose} />
    </Dialog>
  )
}

function PublishForm({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const { t, message } = useI18n()
  const source = useLoad((signal) => endpoints.practiceSource(documentId, { signal }), documentId)
  if (source.status === 'error') return <Notice tone="error">{message(describeError(source.error))}</Notice>
  if (!source.data) return <Loading label={t('app.loading')} />
  return <PracticeForm source={source.data} onClose={onClose} />
}

/** Changing a practice's title, summary, themes and axis (its copy changes by republishing). */
export function EditPracticeDialog({
  practice,
  open,
  onClose,
  onSaved,
}: {
  practice: PracticeView
  open: boolean
  onClose: () => void
  onSaved: (p: PracticeView) => void
}) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('practices.form.editTitle')}>
      <PracticeForm practice={practice} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  )
}

function PracticeForm({
  source,
  practice,
  onClose,
  onSaved,
}: {
  source?: PracticeSource
  practice?: PracticeView
  onClose: () => void
  onSaved?: (p: PracticeView) => void
}) {
  const { t, message, locale } = useI18n()
  const navigate = useNavigate()
  const firstNetwork = source?.networks[0]
  const [fields, setFields] = useState<Fields>({
    title: practice?.title ?? source?.document.title ?? '',
    summary: practice?.summary ?? '',
    themes: practice ? practice.themes.join(', ') : (firstNetwork?.theme ?? ''),
    axis: practice?.axis ?? '',
  })
  const [extra, setExtra] = useState<Extra>({ section: '', networkId: firstNetwork?.id ?? '' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }))

  async function submit() {
    if (!fields.title.trim() || !fields.summary.trim() || splitThemes(fields.themes).length === 0) return setError({ key: 'validation.required' })
    setBusy(true)
    setError(null)
    const body = { title: fields.title.trim(), summary: fields.summary.trim(), themes: splitThemes(fields.themes), axis: fields.axis || null }
    try {
      if (practice) {
        onSaved?.(await endpoints.updatePractice(practice.id, body))
      } else if (source) {
        const published = await endpoints.publishPractice({
          ...body,
          documentId: source.document.id,
          section: extra.section || undefined,
          networkId: extra.networkId || undefined,
        })
        void navigate(`/practices/${encodeURIComponent(published.id)}`)
      }
    } catch (e) {
      setError(describeError(e))
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <Field
        name="practice-title"
        label={t('practices.form.title')}
        value={fields.title}
        maxLength={200}
        onChange={(e) => set({ title: e.target.value })}
        data-autofocus=""
      />
      <TextAreaField
        name="practice-summary"
        label={t('practices.form.summary')}
        hint={t('practices.form.summaryHint')}
        value={fields.summary}
        maxLength={2000}
        rows={4}
        onChange={(summary) => set({ summary })}
      />
      <Field
        name="practice-themes"
        label={t('practices.form.themes')}
        hint={t('practices.form.themesHint')}
        value={fields.themes}
        onChange={(e) => set({ themes: e.target.value })}
      />
      <SelectField
        name="practice-axis"
        label={t('practices.axis')}
        value={fields.axis}
        options={[{ value: '' as const, label: t('practices.noAxis') }, ...AXES.map((a) => ({ value: a, label: AXIS_LABELS[a][locale] }))]}
        onChange={(axis) => set({ axis })}
      />
      {source && (
        <SelectField
          name="practice-section"
          label={t('practices.form.part')}
          value={extra.section}
          options={[{ value: '', label: t('practices.form.whole') }, ...source.sections.map((s) => ({ value: s, label: s }))]}
          onChange={(section) => setExtra((x) => ({ ...x, section }))}
        />
      )}
      {source && source.networks.length > 1 && (
        <SelectField
          name="practice-network"
          label={t('practices.form.network')}
          value={extra.networkId}
          options={source.networks.map((n) => ({ value: n.id, label: n.name }))}
          onChange={(networkId) => {
            setExtra((x) => ({ ...x, networkId }))
            const theme = source.networks.find((n) => n.id === networkId)?.theme
            if (theme && !fields.themes.trim()) set({ themes: theme })
          }}
        />
      )}
      {error && <Notice tone="error">{message(error)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <SubmitButton
          busy={busy}
          label={practice ? t('practices.form.save') : t('practices.form.publish')}
          busyLabel={practice ? t('common.saving') : t('practices.form.publishing')}
        />
      </div>
    </form>
  )
}
