import type { AppDeps } from '../context'
import type { Queryable } from '../db/db'
import type { DocumentRow } from '../data/documents'
import { describePeople } from '../data/people'
import type { SuggestionView } from '../../shared/api'
import type { SuggestionChoice } from '../content/settle'
import type { Decision, PendingSuggestion } from '../../shared/suggestions'

/**
 * Reading and settling the suggestions of a live document. Settling is the decider's edit on
 * the live document (loading it here if no one has it open): everyone editing sees it at once,
 * and it is stored as theirs.
 */

export type SuggestionDeps = Pick<AppDeps, 'hub' | 'documents' | 'documentReader'>

/** The pending suggestions, from the document as it is now. */
export const listPending = (deps: Pick<AppDeps, 'documentReader'>, doc: DocumentRow): Promise<PendingSuggestion[]> =>
  deps.documentReader.read(doc.id, { kind: 'suggestions' })

/**
 * Settlings of one document, in turn, per hub (one per instance). Each is computed from the
 * document and then applied: two at once would each undo half of the other (accepting and
 * rejecting one rewording together would remove both its texts).
 */
const turns = new WeakMap<object, Map<string, Promise<unknown>>>()

function inTurn<T>(hub: object, documentId: string, work: () => Promise<T>): Promise<T> {
  let queue = turns.get(hub)
  if (!queue) {
    queue = new Map()
    turns.set(hub, queue)
  }
  const mine = (queue.get(documentId) ?? Promise.resolve()).catch(() => undefined).then(work)
  queue.set(documentId, mine)
  const forget = () => {
    if (queue.get(documentId) === mine) queue.delete(documentId)
  }
  mine.then(forget, forget)
  return mine
}

/** Accepts or rejects the chosen suggestions as `userId`'s edit; returns how many it settled (those settled meanwhile are not counted). */
export function settle(deps: SuggestionDeps, userId: string, doc: DocumentRow, decision: Decision, choice: SuggestionChoice): Promise<number> {
  return inTurn(deps.hub, doc.id, () => settleNow(deps, userId, doc, decision, choice))
}

async function settleNow(deps: SuggestionDeps, userId: string, doc: DocumentRow, decision: Decision, choice: SuggestionChoice): Promise<number> {
  let settled = 0
  await deps.hub.edit(
    doc.id,
    doc.space,
    userId,
    async () => {
      const result = await deps.documents.job({ live: doc.id }, { kind: 'settle', decision, choice })
      settled = result.settled
      return result.update
    },
    async () => undefined,
  )
  return settled
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Suggestions with their authors' names and the city each speaks for in the document's space. */
export async function withAuthors(q: Queryable, doc: DocumentRow, pending: PendingSuggestion[]): Promise<SuggestionView[]> {
  // An author id that is not an account's (a hand-made mark) names nobody.
  const people = await describePeople(
    q,
    pending.map((s) => s.authorId).filter((id) => UUID.test(id)),
    doc.space,
  )
  return pending.map(({ authorId, ...s }) => ({ ...s, author: people.get(authorId) ?? { id: authorId, name: '', city: null } }))
}
