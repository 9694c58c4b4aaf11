import { useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { DocumentSummary, StageEvent, SubmissionView } from '../../../shared/api'
import { endpoints } from '../api'
import { Dialog } from '../components/Dialog'
import { Notice, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { isApiError } from '../api'
import { formatDateTime } from '../lib/format'
import { useForm } from '../lib/useForm'
import { useLoad } from '../lib/useLoad'
import { loadPendingSuggestions, PendingSuggestionList } from './PendingSuggestions'
import { StageBadge } from './StageBadge'

type Step = { kind: 'submit' } | { kind: 'return' | 'validate'; submission: SubmissionView }

/**
 * A deliverable's place in the network's cycle, under its title: its stage and due date, the
 * step the reader may take (submit; return or validate), and the timeline of what happened.
 * A notice about a submission opens the document with `?panel=workflow`, which brings it here.
 */
export function WorkflowPanel({ document, onChanged }: { document: DocumentSummary; onChanged: () => void }) {
  const { t, message, locale } = useI18n()
  const workflow = useLoad((signal) => endpoints.workflow(document.id, { signal }), `${document.id}:${document.stage}:${document.dueOn}`)
  const [step, setStep] = useState<Step | null>(null)
  const [params] = useSearchParams()
  const panel = useRef<HTMLElement>(null)

  useEffect(() => {
    if (params.get('panel') === 'workflow') panel.current?.focus()
  }, [params])

  const pending = workflow.data?.submissions.findLast((s) => s.outcome === null)
  const allowed = (action: 'submit' | 'review' | 'set_due_date') => document.allowed.includes(action)
  const compare = workflow.data?.compare

  return (
    <section className="workflow" aria-labelledby="workflow-title" ref={panel} tabIndex={-1}>
      <div className="workflow-head">
        <h2 id="workflow-title">{t('workflow.title')}</h2>
        <StageBadge document={document} />
      </div>
      <p className="muted">{t(`workflow.explain.${document.stage ?? 'draft'}`)}</p>
      <div className="actions">
        {allowed('submit') && (
          <button type="button" className="button" onClick={() => setStep({ kind: 'submit' })}>
            {t('workflow.submit')}
          </button>
        )}
        {allowed('review') && pending && (
          <>
            <button type="button" className="button" onClick={() => setStep({ kind: 'validate', submission: pending })}>
              {t('workflow.validate')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setStep({ kind: 'return', submission: pending })}>
              {t('workflow.return')}
            </button>
          </>
        )}
        {compare && (
          <Link className="button button-quiet" to={`/documents/${encodeURIComponent(document.id)}/history?from=${compare.from}&to=${compare.to}`}>
            {t('workflow.compare')}
          </Link>
        )}
      </div>
      {workflow.data?.log && (
        <p>
          {t('workflow.log')} <Link to={`/documents/${encodeURIComponent(workflow.data.log.id)}`}>{workflow.data.log.title}</Link>{' '}
          <span className="muted">({t('workflow.logCycles', { count: workflow.data.log.cycles.length })})</span>
        </p>
      )}
      {allowed('set_due_date') && <DueDateForm document={document} onSaved={onChanged} />}
      {workflow.status === 'error' && <Notice tone="error">{message(describeError(workflow.error))}</Notice>}
      {workflow.data && workflow.data.timeline.length === 0 && <p className="muted">{t('workflow.empty')}</p>}
      {workflow.data && workflow.data.timeline.length > 0 && (
        <ol className="timeline" aria-label={t('workflow.timeline')}>
          {workflow.data.timeline.map((event) => (
            <TimelineEntry
              key={`${event.submissionId}:${event.stage}`}
              event={event}
              submission={event.stage === 'submitted' ? workflow.data!.submissions.find((s) => s.id === event.submissionId) : undefined}
              locale={locale}
            />
          ))}
        </ol>
      )}
      <StepDialog
        documentId={document.id}
        step={step}
        onClose={() => setStep(null)}
        onDone={() => {
          setStep(null)
          onChanged()
        }}
      />
    </section>
  )
}

/** A step of the timeline; a submission's also says what it builds on and the suggestions it was sent with. */
function TimelineEntry({ event, submission, locale }: { event: StageEvent; submission: SubmissionView | undefined; locale: string }) {
  const { t } = useI18n()
  const cycles = submission?.cycles.length ?? 0
  return (
    <li className={`timeline-entry stage-${event.stage}`}>
      <strong>{t(`workflow.event.${event.stage}`, { number: event.number })}</strong>{' '}
      <span className="muted">
        {event.by ? t('workflow.by', { name: event.by.name }) : t('workflow.byUnknown')} · <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
        {cycles > 0 && <> · {t('workflow.buildsOn', { count: cycles })}</>}
      </span>
      {event.message && <p className="timeline-message">{event.message}</p>}
      {submission && <PendingSuggestionList suggestions={submission.pendingSuggestions} />}
    </li>
  )
}

function StepDialog({ documentId, step, onClose, onDone }: { documentId: string; step: Step | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n()
  const kind = step?.kind ?? 'submit'
  return (
    <Dialog open={step !== null} onClose={onClose} title={t(`workflow.dialog.${kind}.title`)} description={t(`workflow.dialog.${kind}.text`)}>
      {step && <StepForm documentId={documentId} step={step} onClose={onClose} onDone={onDone} />}
    </Dialog>
  )
}

function StepForm({ documentId, step, onClose, onDone }: { documentId: string; step: Step; onClose: () => void; onDone: () => void }) {
  const { t, message } = useI18n()
  const form = useForm({ message: '' })
  const required = step.kind === 'return'
  // Before submitting: how many suggestions are pending; after a refusal, how many the network wants settled first.
  const pending = useLoad(
    (signal) => (step.kind === 'submit' ? loadPendingSuggestions(documentId, { signal }) : Promise.resolve([])),
    `${documentId}:${step.kind}`,
  )
  const [gate, setGate] = useState<number | null>(null)

  function send() {
    const text = form.values.message
    if (required && !text.trim()) return form.setErrors({ message: { key: 'workflow.remarksRequired' } })
    setGate(null)
    void form.send(async () => {
      if (step.kind === 'submit') {
        if (!(await submitUnlessGated(text))) return form.setBusy(false)
      } else if (step.kind === 'return') await endpoints.returnSubmission(documentId, step.submission.id, { message: text })
      else await endpoints.validateSubmission(documentId, step.submission.id, { message: text })
      onDone()
    })
  }

  /**
   * Submits; false when the network refused it for pending suggestions, which is told with their
   * number, from the document as it is now.
   */
  async function submitUnlessGated(text: string): Promise<boolean> {
    try {
      await endpoints.submit(documentId, { message: text })
      return true
    } catch (err) {
      if (!isApiError(err) || err.code !== 'conflict') throw err
      const now = await loadPendingSuggestions(documentId).catch(() => [])
      if (now.length === 0) throw err
      pending.replace(now)
      setGate(now.length)
      return false
    }
  }

  const pendingCount = pending.data?.length ?? 0
  return (
    <form
      ref={form.ref}
      onSubmit={(e) => {
        e.preventDefault()
        send()
      }}
    >
      {gate !== null ? (
        <Notice tone="error">{t('suggestionGate.required', { count: gate })}</Notice>
      ) : (
        pendingCount > 0 && (
          <Notice tone="info">
            {t('suggestionGate.pending', { count: pendingCount })}. {t('suggestionGate.pendingHint')}
          </Notice>
        )
      )}
      <TextAreaField
        name="message"
        label={t(`workflow.dialog.${step.kind}.label`)}
        value={form.values.message}
        error={form.errors.message}
        rows={5}
        maxLength={4000}
        required={required}
        onChange={(value) => form.setValues({ message: value })}
        data-autofocus=""
      />
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t(`workflow.dialog.${step.kind}.confirm`)} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}

/** The secretariat's due date for the next submission; cleared by emptying it. */
function DueDateForm({ document, onSaved }: { document: DocumentSummary; onSaved: () => void }) {
  const { t, message } = useI18n()
  const [day, setDay] = useState(document.dueOn ?? '')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)
  return (
    <form
      className="due-form"
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        endpoints
          .updateDocument(document.id, { dueOn: day || null })
          .then(onSaved, (err: unknown) => setError(describeError(err)))
          .finally(() => setBusy(false))
      }}
    >
      <label htmlFor="due-on">{t('workflow.dueLabel')}</label> <input id="due-on" type="date" value={day} onChange={(e) => setDay(e.target.value)} />{' '}
      <SubmitButton busy={busy} label={t('workflow.dueSave')} busyLabel={t('common.saving')} disabled={day === (document.dueOn ?? '')} />
      {error && <Notice tone="error">{message(error)}</Notice>}
    </form>
  )
}
