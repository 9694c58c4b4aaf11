import type { Queryable } from '../db/db'
import type { SuggestionView } from '../../shared/api'

/** Each time a document was submitted to the secretariat, the version sent, and how its review ended. */

export type SubmissionOutcome = 'returned' | 'validated'

export type SubmissionRow = {
  id: string
  documentId: string
  number: number
  versionId: string
  versionName: string | null
  submittedBy: { id: string; name: string } | null
  submittedAt: Date
  message: string
  outcome: SubmissionOutcome | null
  decidedBy: { id: string; name: string } | null
  decidedAt: Date | null
  remarks: string
  /** The suggestions pending in the text when it was sent, with their authors as they were then. */
  pendingSuggestions: SuggestionView[]
}

type Raw = Omit<SubmissionRow, 'submittedBy' | 'decidedBy'> & {
  submittedById: string | null
  submittedByName: string | null
  decidedById: string | null
  decidedByName: string | null
}

const SELECT = `select s.id, s.document_id as "documentId", s.number, s.version_id as "versionId", v.name as "versionName",
  s.submitted_by as "submittedById", su.name as "submittedByName", s.submitted_at as "submittedAt", s.message,
  s.outcome, s.decided_by as "decidedById", du.name as "decidedByName", s.decided_at as "decidedAt", s.remarks,
  s.pending_suggestions as "pendingSuggestions"
  from submissions s join doc_versions v on v.id = s.version_id
  left join users su on su.id = s.submitted_by left join users du on du.id = s.decided_by`

const person = (id: string | null, name: string | null) => (id && name ? { id, name } : null)
const toRow = ({ submittedById, submittedByName, decidedById, decidedByName, ...r }: Raw): SubmissionRow => ({
  ...r,
  submittedBy: person(submittedById, submittedByName),
  decidedBy: person(decidedById, decidedByName),
})

/** Oldest first: the document's history of submissions. */
export async function listSubmissions(q: Queryable, documentId: string): Promise<SubmissionRow[]> {
  return (await q.query<Raw>(`${SELECT} where s.document_id = $1 order by s.submitted_at, s.number`, [documentId])).map(toRow)
}

export async function getSubmission(q: Queryable, documentId: string, id: string): Promise<SubmissionRow | null> {
  const rows = await q.query<Raw>(`${SELECT} where s.document_id = $1 and s.id = $2`, [documentId, id])
  return rows[0] ? toRow(rows[0]) : null
}

/** The number the next submission carries: one more than the validated ones. */
export async function nextSubmissionNumber(q: Queryable, documentId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(`select count(*)::int + 1 as n from submissions where document_id = $1 and outcome = 'validated'`, [documentId])
  return row!.n
}

export async function insertSubmission(
  q: Queryable,
  s: { documentId: string; number: number; versionId: string; submittedBy: string; message: string; pendingSuggestions: SuggestionView[] },
): Promise<string> {
  // JSON goes in as text (postgres.js would encode a string typed jsonb as a JSON string).
  const [row] = await q.query<{ id: string }>(
    `insert into submissions (document_id, number, version_id, submitted_by, message, pending_suggestions)
     values ($1, $2, $3, $4, $5, $6::text::jsonb) returning id`,
    [s.documentId, s.number, s.versionId, s.submittedBy, s.message, JSON.stringify(s.pendingSuggestions)],
  )
  return row!.id
}

/** Records the review's end; false if the submission was not under review (any more). */
export async function decideSubmission(q: Queryable, id: string, d: { outcome: SubmissionOutcome; decidedBy: string; remarks: string }): Promise<boolean> {
  const rows = await q.query(
    `update submissions set outcome = $2, decided_by = $3, decided_at = now(), remarks = $4 where id = $1 and outcome is null returning id`,
    [id, d.outcome, d.decidedBy, d.remarks],
  )
  return rows.length > 0
}
