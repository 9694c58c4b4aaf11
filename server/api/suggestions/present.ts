import type { Queryable } from '../../db/db'
import type { DocumentRow } from '../../data/documents'
import { describePeople } from '../../data/people'
import type { PendingSuggestion } from '../../../shared/suggestions'
import type { SuggestionView } from '../../../shared/api'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Suggestions with their authors' names and the city each speaks for in the document's space. */
export async function presentSuggestions(q: Queryable, doc: DocumentRow, pending: PendingSuggestion[]): Promise<SuggestionView[]> {
  // An author id that is not an account's (a hand-made mark) names nobody.
  const people = await describePeople(
    q,
    pending.map((s) => s.authorId).filter((id) => UUID.test(id)),
    doc.space,
  )
  return pending.map(({ authorId, ...s }) => ({ ...s, author: people.get(authorId) ?? { id: authorId, name: '', city: null } }))
}
