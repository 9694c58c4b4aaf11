import type { DocumentSummary } from '../../../shared/api'

/** As the server decides it: the day is past, and nothing is under review or validated since. */
export function isOverdue(document: Pick<DocumentSummary, 'stage' | 'dueOn'>, today = new Date().toISOString().slice(0, 10)): boolean {
  return document.dueOn !== null && document.dueOn < today && (document.stage === 'draft' || document.stage === 'returned')
}
