import { useState } from 'react'
import { Link } from 'react-router'
import type { CycleView, DocumentSummary } from '../../../shared/api'
import { endpoints } from '../api'
import { Field, Notice, SelectField, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { formatDay } from '../lib/format'
import { useForm } from '../lib/useForm'
import { useLoad } from '../lib/useLoad'

type Draft = { startsOn: string; endsOn: string; hypotheses: string; results: string; lessons: string }
const EMPTY: Draft = { startsOn: '', endsOn: '', hypotheses: '', results: '', lessons: '' }

/**
 * Beside an experimentation log's text: the action plan it follows and its dated cycles
 * (hypotheses, results, lessons). The plan's workflow lists them, and its next version names
 * the cycles run since the last validation.
 */
export function CyclesPanel({ document, onChanged }: { document: DocumentSummary; onChanged: () => void }) {
  const { t, message, locale } = useI18n()
  const cycles = useLoad((signal) => endpoints.cycles(document.id, { signal }), document.id)
  const [editing, setEditing] = useState<CycleView | 'new' | null>(null)
  const writer = document.allowed.includes('write')

  return (
    <section className="workflow cycles" aria-labelledby="cycles-title">
      <div className="workflow-head">
        <h2 id="cycles-title">{t('cycles.title')}</h2>
      </div>
      <PlanLink document={document} editable={document.allowed.includes('rename_document')} onChanged={onChanged} />
      {cycles.status === 'error' && <Notice tone="error">{message(describeError(cycles.error))}</Notice>}
      {cycles.data && cycles.data.cycles.length === 0 && <p className="muted">{t(writer ? 'cycles.emptyWriter' : 'cycles.empty')}</p>}
      {cycles.data && cycles.data.cycles.length > 0 && (
        <ol className="cycle-list">
          {cycles.data.cycles.map((c, i) => (
            <li key={c.id} className="cycle">
              <strong>{t('cycles.cycle', { number: i + 1 })}</strong>{' '}
              <span className="muted">
                {c.endsOn
                  ? t('cycles.dates', { from: formatDay(c.startsOn, locale), to: formatDay(c.endsOn, locale) })
                  : t('cycles.since', { from: formatDay(c.startsOn, locale) })}
              </span>
              {(['hypotheses', 'results', 'lessons'] as const).map((field) =>
                c[field] ? (
                  <p key={field} className="timeline-message">
                    <span className="muted">{t(`cycles.${field}`)}</span> {c[field]}
                  </p>
                ) : null,
              )}
              {writer && (
                <p className="actions">
                  <button type="button" className="button button-quiet" onClick={() => setEditing(c)}>
                    {t('cycles.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => void endpoints.deleteCycle(document.id, c.id).then(cycles.reload, () => cycles.reload())}
                  >
                    {t('cycles.delete')}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {writer && editing === null && (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          {t('cycles.add')}
        </button>
      )}
      {writer && editing !== null && (
        <CycleForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? EMPTY : { ...editing, endsOn: editing.endsOn ?? '' }}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const body = { ...draft, endsOn: draft.endsOn || null }
            if (editing === 'new') await endpoints.addCycle(document.id, body)
            else await endpoints.updateCycle(document.id, editing.id, body)
            setEditing(null)
            cycles.reload()
          }}
        />
      )}
    </section>
  )
}

function CycleForm({ initial, onCancel, onSave }: { initial: Draft; onCancel: () => void; onSave: (draft: Draft) => Promise<void> }) {
  const { t, message } = useI18n()
  const form = useForm(initial)
  const set = (field: keyof Draft) => (value: string) => form.setValues((d) => ({ ...d, [field]: value }))
  const text = (field: 'hypotheses' | 'results' | 'lessons') => (
    <TextAreaField
      name={field}
      label={t(`cycles.${field}`)}
      rows={3}
      maxLength={4000}
      value={form.values[field]}
      error={form.errors[field]}
      onChange={set(field)}
    />
  )
  return (
    <form
      ref={form.ref}
      className="form cycle-form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!form.values.startsOn) return form.setErrors({ startsOn: { key: 'cycles.startRequired' } })
        void form.send(() => onSave(form.values))
      }}
    >
      <Field type="date" label={t('cycles.startsOn')} {...form.bind('startsOn')} data-autofocus="" />
      <Field type="date" label={t('cycles.endsOn')} hint={t('cycles.endsOnHint')} {...form.bind('endsOn')} />
      {text('hypotheses')}
      {text('results')}
      {text('lessons')}
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('cycles.save')} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}

/** The action plan the log follows; its writers choose it among the plans of the same space. */
function PlanLink({ document, editable, onChanged }: { document: DocumentSummary; editable: boolean; onChanged: () => void }) {
  const { t, message } = useI18n()
  const plans = useLoad((signal) => endpoints.documents({ signal }), document.space.id)
  const [error, setError] = useState<Message | null>(null)
  const options = (plans.data ?? []).filter((d) => d.kind === 'action_plan' && d.space.type === document.space.type && d.space.id === document.space.id)
  const current = options.find((d) => d.id === document.planId)
  if (!editable) {
    return current ? (
      <p>
        {t('cycles.follows')} <Link to={`/documents/${encodeURIComponent(current.id)}`}>{current.title}</Link>
      </p>
    ) : null
  }
  return (
    <>
      <SelectField
        name="plan"
        label={t('cycles.follows')}
        value={document.planId ?? ''}
        options={[{ value: '', label: t('cycles.noPlan') }, ...options.map((d) => ({ value: d.id, label: d.title }))]}
        onChange={(planId) => {
          setError(null)
          endpoints.updateDocument(document.id, { planId: planId || null }).then(onChanged, (err: unknown) => setError(describeError(err)))
        }}
      />
      {error && <Notice tone="error">{message(error)}</Notice>}
    </>
  )
}
