import type { Queryable } from '../db/db'
import { loadActors } from './grants'
import { readerCandidates, workshopCandidates } from './people'
import { can, type DocumentTarget } from '../../shared/policy'

/** Of these people, those the policy lets read the document (and so its comments). */
export async function readersAmong(q: Queryable, document: DocumentTarget, userIds: string[]): Promise<Set<string>> {
  const actors = await loadActors(q, [...new Set(userIds)])
  return new Set(actors.filter((a) => can(a, 'read', document)).map((a) => a.userId))
}

/** Everyone who may read the document: its space's readers, and those taking part in its workshop. */
export async function readersOf(q: Queryable, document: DocumentTarget): Promise<Set<string>> {
  const { workshopId } = document.state
  const candidates = await readerCandidates(q, document.space)
  return readersAmong(q, document, workshopId ? [...candidates, ...(await workshopCandidates(q, workshopId))] : candidates)
}
