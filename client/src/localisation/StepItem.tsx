import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import type { CityLocalisation, LocalisationStepView } from '../../../shared/api'
import { STEP_STATUSES, type StepContent, type StepStatus } from '../../../shared/localisation'
import { endpoints } from '../api'
import { Field, Notice, SelectField, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { formatDay } from '../lib/format'
import { useForm } from '../lib/useForm'

type Props = {
  cityId: string
  content: StepContent
  step: LocalisationStepView
  view: CityLocalisation
  onSaved: (view: CityLocalisation, name: string) => void
}

/** One step: where it stands, who leads it, its days and documents, its note; the guiding questions on demand. */
export function StepItem({ cityId, content, step, view, onSaved }: Props) {
  const { t, locale } = useI18n()
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  // Back on the step's button once its form closes, so the keyboard stays where it was.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])
  const name = content.name[locale]
  const titleId = `step-${step.key}`
  const days = [
    step.startedOn && t('localisation.startedOn', { date: formatDay(step.startedOn, locale) }),
    step.doneOn && t('localisation.doneOn', { date: formatDay(step.doneOn, locale) }),
  ].filter(Boolean)

  return (
    <li className="cityworks-step" aria-labelledby={titleId} data-step={step.key}>
      <div className="cityworks-step-head">
        <h4 id={titleId}>{name}</h4>
        <span className={`badge cityworks-status cityworks-status-${step.status}`}>{t(`localisation.statuses.${step.status}`)}</span>
      </div>
      <p className="cityworks-facts">
        {step.lead ? t('localisation.lead', { name: step.lead.name }) : <span className="muted">{t('localisation.noLead')}</span>}
        {days.length > 0 && ` · ${days.join(' · ')}`}
      </p>
      {step.documents.length > 0 && (
        <div className="cityworks-documents">
          <span className="muted">{t('localisation.documents')}</span>
          <ul>
            {step.documents.map((d) => (
              <li key={d.id}>
                <Link to={`/documents/${encodeURIComponent(d.id)}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step.note && <p className="timeline-message">{step.note}</p>}
      {step.updatedBy && step.updatedAt && (
        <p className="muted cityworks-updated">
          {t('localisation.updatedBy', { name: step.updatedBy.name, date: formatDay(step.updatedAt.slice(0, 10), locale) })}
        </p>
      )}
      <div className="cityworks-step-foot">
        <details className="cityworks-questions">
          <summary>{t('localisation.questions')}</summary>
          <ul>
            {content.questions.map((q) => (
              <li key={q.en}>{q[locale]}</li>
            ))}
          </ul>
        </details>
        {view.allowed.track && !editing && (
          <button
            ref={editButton}
            type="button"
            className="button button-quiet"
            aria-label={t('localisation.editStep', { name })}
            onClick={() => setEditing(true)}
          >
            {t('localisation.edit')}
          </button>
        )}
      </div>
      {editing && (
        <StepForm
          cityId={cityId}
          step={step}
          view={view}
          title={t('localisation.editStep', { name })}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false)
            onSaved(next, name)
          }}
        />
      )}
    </li>
  )
}

type FormProps = {
  cityId: string
  step: LocalisationStepView
  view: CityLocalisation
  title: string
  onCancel: () => void
  onSaved: (view: CityLocalisation) => void
}

function StepForm({ cityId, step, view, title, onCancel, onSaved }: FormProps) {
  const { t, message } = useI18n()
  const initial = {
    status: step.status as StepStatus,
    leadUserId: step.lead?.id ?? '',
    startedOn: step.startedOn ?? '',
    doneOn: step.doneOn ?? '',
    note: step.note,
  }
  const form = useForm(initial)
  // Opening the form takes the keyboard into it.
  useEffect(() => form.ref.current?.querySelector('select')?.focus(), [form.ref])
  const [documentIds, setDocumentIds] = useState(() => new Set(step.documents.map((d) => d.id)))
  const toggle = (id: string, on: boolean) =>
    setDocumentIds((ids) => {
      const next = new Set(ids)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const set = (field: 'status' | 'leadUserId' | 'note') => (value: string) => form.setValues((v) => ({ ...v, [field]: value }))
  const leads = [{ value: '', label: t('localisation.leadNone') }, ...view.leadCandidates.map((p) => ({ value: p.id, label: p.name }))]
  if (step.lead && !view.leadCandidates.some((p) => p.id === step.lead!.id)) leads.push({ value: step.lead.id, label: step.lead.name })
  // Days are sent only when changed here: otherwise a status change sets them on the server.
  const day = (field: 'startedOn' | 'doneOn') => (form.values[field] === initial[field] ? undefined : form.values[field] || null)

  return (
    <form
      ref={form.ref}
      className="form cityworks-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault()
        void form.send(async () => {
          const next = await endpoints.updateLocalisationStep(cityId, step.key, {
            status: form.values.status,
            leadUserId: form.values.leadUserId || null,
            note: form.values.note,
            startedOn: day('startedOn'),
            doneOn: day('doneOn'),
            documentIds: [...documentIds],
          })
          onSaved(next)
        })
      }}
    >
      <SelectField
        name="status"
        label={t('localisation.status')}
        value={form.values.status}
        options={STEP_STATUSES.map((s) => ({ value: s, label: t(`localisation.statuses.${s}`) }))}
        onChange={set('status')}
      />
      <SelectField
        name="leadUserId"
        label={t('localisation.leadField')}
        hint={t('localisation.leadHint')}
        value={form.values.leadUserId}
        options={leads}
        onChange={set('leadUserId')}
      />
      <div className="cityworks-days">
        <Field type="date" label={t('localisation.startedOnField')} hint={t('localisation.datesHint')} {...form.bind('startedOn')} />
        <Field type="date" label={t('localisation.doneOnField')} {...form.bind('doneOn')} />
      </div>
      <TextAreaField
        name="note"
        label={t('localisation.note')}
        rows={3}
        maxLength={4000}
        value={form.values.note}
        error={form.errors.note}
        onChange={set('note')}
      />
      <fieldset className="cityworks-links">
        <legend>{t('localisation.linkDocuments')}</legend>
        {view.linkable.length === 0 ? (
          <p className="muted">{t('localisation.noLinkable')}</p>
        ) : (
          view.linkable.map((d) => (
            <label key={d.id} className="checkbox-line">
              <input type="checkbox" checked={documentIds.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} /> {d.title}
              {d.space.type === 'network' && <span className="muted"> — {d.space.name}</span>}
            </label>
          ))
        )}
      </fieldset>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('common.save')} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}
