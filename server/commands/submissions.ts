import type { Db, Queryable } from '../db/db'
import { getDocument, lockDocument, policyTarget, setStage, type DocumentRow } from '../data/documents'
import { loadActors } from '../data/grants'
import { addNotifications } from '../data/notifications'
import { readerCandidates } from '../data/people'
import { decideSubmission, getSubmission, insertSubmission, nextSubmissionNumber, type SubmissionOutcome } from '../data/submissions'
import { lockVersion } from '../data/versions'
import { ApiError, notFound, refusalError } from '../errors'
import type { Action } from '../../shared/policy'
import { can, refusal } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import type { TemplateLocale } from '../../shared/templates'
import type { VersionDeps } from './versions'
import { networksOfSpace, recipientsByIds, senderOf } from '../data/mail-addressing'
import { requiresSettledSuggestions } from '../data/workspace'
import { withAuthors } from './suggestions'
import type { SuggestionView } from '../../shared/api'
import type { MailQueue } from '../mail/mail'

/**
 * The submission cycle of a deliverable: a writer submits it (its current state is stored as a
 * named version, "V1 — soumise le …"), the secretariat returns it with remarks or validates it
 * (which locks that version). Each step is one transaction, with the document's row locked, so
 * two steps at once take turns and the second sees the first's stage; each notifies the people
 * the policy says take the next step. A submission keeps the suggestions still pending in the
 * text; a network may require that there are none.
 */

/** Returns the new submission's id. */
export async function submitDocument(deps: VersionDeps & { mail: MailQueue }, actor: Actor, doc: DocumentRow, message: string): Promise<string> {
  await deps.hub.stored(doc.id)
  const [captured, pending] = await Promise.all([
    deps.documentReader.read(doc.id, { kind: 'capture' }),
    deps.documentReader.read(doc.id, { kind: 'suggestions' }),
  ])
  return deps.db.transaction(async (tx) => {
    const current = await lockedForStep(tx, actor, doc.id, 'submit')
    const pendingSuggestions = await withAuthors(tx, current, pending)
    await checkSuggestionGate(tx, current, pendingSuggestions)
    const number = await nextSubmissionNumber(tx, doc.id)
    const name = submissionName(number, new Date(), current.locale)
    const versionId = (await deps.versions.recordIn(tx, doc.id, current.space, captured, { kind: 'named', name, createdBy: actor.userId, restoredFrom: null }))!
    const id = await insertSubmission(tx, { documentId: doc.id, number, versionId, submittedBy: actor.userId, message, pendingSuggestions })
    await setStage(tx, doc.id, 'submitted')
    const reviewers = await whoMay(tx, (await getDocument(tx, doc.id))!, 'review', actor)
    await addNotifications(
      tx,
      reviewers.map((recipientId) => ({ recipientId, kind: 'submitted' as const, documentId: doc.id, submissionId: id, actorId: actor.userId })),
    )
    await mailStep(tx, deps.mail, { kind: 'submitted', doc: current, actor, message, recipients: reviewers })
    return id
  })
}

/** Refuses (409) while suggestions are pending, if a network of the document requires none. */
async function checkSuggestionGate(q: Queryable, doc: DocumentRow, pending: SuggestionView[]): Promise<void> {
  if (pending.length === 0 || !(await requiresSettledSuggestions(q, await networksOfSpace(q, doc.space)))) return
  const count = pending.length === 1 ? 'is 1 suggestion' : `are ${pending.length} suggestions`
  throw new ApiError('conflict', `There ${count} still pending: accept or reject them before submitting`, { pendingSuggestions: pending.length })
}

/** Ends the review of the submission under review: returned with remarks, or validated (its version locked). */
export async function decideOnSubmission(
  deps: { db: Db; mail: MailQueue },
  actor: Actor,
  doc: DocumentRow,
  submissionId: string,
  decision: { outcome: SubmissionOutcome; remarks: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const submission = await getSubmission(tx, doc.id, submissionId)
    if (!submission) throw notFound('No such submission')
    await lockedForStep(tx, actor, doc.id, 'review')
    if (!(await decideSubmission(tx, submissionId, { ...decision, decidedBy: actor.userId }))) {
      throw new ApiError('invalid_stage', 'This submission is not under review any more: it was returned or validated already')
    }
    await setStage(tx, doc.id, decision.outcome)
    if (decision.outcome === 'validated') await lockVersion(tx, doc.id, submission.versionId, actor.userId)
    const writers = await whoMay(tx, (await getDocument(tx, doc.id))!, 'submit', actor)
    await addNotifications(
      tx,
      writers.map((recipientId) => ({ recipientId, kind: decision.outcome, documentId: doc.id, submissionId, actorId: actor.userId })),
    )
    await mailStep(tx, deps.mail, { kind: decision.outcome, doc, actor, message: decision.remarks, recipients: writers })
  })
}

/** Those notified of a step get it by mail too, with its message (the remarks), never the document's text. */
async function mailStep(
  q: Queryable,
  mail: MailQueue,
  step: { kind: 'submitted' | SubmissionOutcome; doc: DocumentRow; actor: Actor; message: string; recipients: string[] },
): Promise<void> {
  if (!mail.enabled || step.recipients.length === 0) return
  const [from, recipients, networkIds] = [
    await senderOf(q, step.actor.userId),
    await recipientsByIds(q, step.recipients),
    await networksOfSpace(q, step.doc.space),
  ]
  const input = {
    kind: step.kind,
    from,
    document: step.doc.title,
    space: step.doc.space.name,
    message: step.message,
    link: mail.link(`/documents/${step.doc.id}`),
  }
  for (const to of recipients.values()) await mail.queue(q, to, input, { networkIds, documentId: step.doc.id })
}

/** The document locked for this step, after the policy said yes to it in its current stage. */
async function lockedForStep(tx: Queryable, actor: Actor, documentId: string, action: Action): Promise<DocumentRow> {
  const current = await lockDocument(tx, documentId)
  if (!current) throw notFound('No such document')
  const target = policyTarget(current)
  const why = refusal(actor, action, target)
  if (why) throw refusalError(why, `You may not ${action} this document`, { action, stage: target.state.stage })
  return current
}

/** Everyone who could read the document and whom the policy allows the next step, but the one who took this one. */
export async function whoMay(q: Queryable, doc: DocumentRow, action: Action, except: Actor | null): Promise<string[]> {
  const candidates = (await readerCandidates(q, doc.space)).filter((id) => id !== except?.userId)
  const target = policyTarget(doc)
  return (await loadActors(q, candidates)).filter((a) => can(a, action, target)).map((a) => a.userId)
}

const SUBMITTED_ON: Record<TemplateLocale, (day: string) => string> = {
  fr: (day) => `soumise le ${day}`,
  en: (day) => `submitted on ${day}`,
  es: (day) => `enviada el ${day}`,
}

/** "V1 — soumise le 6 décembre 2026", in the document's language. */
export function submissionName(number: number, at: Date, locale: TemplateLocale): string {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(at)
  return `V${number} — ${SUBMITTED_ON[locale](day)}`
}
