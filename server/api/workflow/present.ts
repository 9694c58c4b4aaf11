import type { DocumentRow } from '../../data/documents'
import { policyTarget } from '../../data/documents'
import type { CycleRow } from '../../data/cycles'
import type { SubmissionRow } from '../../data/submissions'
import type { CycleView, StageEvent, SubmissionView, WorkflowView } from '../../../shared/api'
import { isOverdue } from '../../../shared/domain'

const iso = (d: Date | string) => new Date(d).toISOString()

export const presentCycle = (c: CycleRow): CycleView => ({
  id: c.id,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  hypotheses: c.hypotheses,
  results: c.results,
  lessons: c.lessons,
  updatedAt: iso(c.updatedAt),
})

/**
 * A submission, with the cycles it builds on: those recorded in the log after the validation
 * before it and before it was sent (V2 lists the cycles since V1).
 */
export const presentSubmission = (s: SubmissionRow, all: readonly SubmissionRow[] = [], cycles: readonly CycleRow[] = []): SubmissionView => ({
  id: s.id,
  number: s.number,
  version: { id: s.versionId, name: s.versionName },
  submittedBy: s.submittedBy,
  submittedAt: iso(s.submittedAt),
  message: s.message,
  outcome: s.outcome,
  decidedBy: s.decidedBy,
  decidedAt: s.decidedAt && iso(s.decidedAt),
  remarks: s.remarks,
  cycles: cyclesFor(s, all, cycles).map(presentCycle),
  pendingSuggestions: s.pendingSuggestions,
})

function cyclesFor(s: SubmissionRow, all: readonly SubmissionRow[], cycles: readonly CycleRow[]): CycleRow[] {
  const sent = iso(s.submittedAt)
  const validatedBefore = all.filter((o) => o.outcome === 'validated' && o.decidedAt !== null && iso(o.decidedAt) < sent).at(-1)
  const since = validatedBefore ? iso(validatedBefore.decidedAt!) : null
  return cycles.filter((c) => iso(c.createdAt) < sent && (since === null || iso(c.createdAt) > since))
}

/** Each submission gives its "submitted" step, then its outcome once decided. */
function timeline(submissions: SubmissionRow[]): StageEvent[] {
  return submissions
    .flatMap((s): StageEvent[] => {
      const sent: StageEvent = { stage: 'submitted', at: iso(s.submittedAt), by: s.submittedBy, message: s.message, submissionId: s.id, number: s.number }
      if (!s.outcome || !s.decidedAt) return [sent]
      return [sent, { stage: s.outcome, at: iso(s.decidedAt), by: s.decidedBy, message: s.remarks, submissionId: s.id, number: s.number }]
    })
    .sort((a, b) => a.at.localeCompare(b.at))
}

export type LogWithCycles = { id: string; title: string; cycles: CycleRow[] }

export function presentWorkflow(doc: DocumentRow, submissions: SubmissionRow[], log: LogWithCycles | null = null): WorkflowView {
  const stage = policyTarget(doc).state.stage
  const validated = submissions.filter((s) => s.outcome === 'validated').at(-1)
  const latest = submissions.at(-1)
  // Once the next submission is in, the comparison is the validated version against it.
  const compare = validated && latest && latest !== validated ? { from: validated.versionId, to: latest.versionId } : null
  return {
    stage,
    dueOn: doc.dueOn,
    overdue: isOverdue({ stage, dueOn: doc.dueOn }),
    submissions: submissions.map((s) => presentSubmission(s, submissions, log?.cycles)),
    timeline: timeline(submissions),
    compare,
    log: log && { id: log.id, title: log.title, cycles: log.cycles.map(presentCycle) },
  }
}
