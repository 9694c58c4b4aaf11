import type { Queryable } from '../db/db'
import { loadActors } from './grants'
import { readerCandidates, workshopCandidates } from './people'
import { can, type Target } from '../../shared/policy'

/** Of these people, those the policy lets read the space or the document (and so its documents or its comments). */
export async function readersAmong(q: Queryable, target: Target, userIds: string[]): Promise<Set<string>> {
  const actors = await loadActors(q, [...new Set(userIds)])
  return new Set(actors.filter((a) => can(a, 'read', target)).map((a) => a.userId))
}

/** Everyone who may read the space, or the document: its space's readers, and those taking part in its workshop. */
export async function readersOf(q: Queryable, target: Target): Promise<Set<string>> {
  const candidates = await readerCandidates(q, 'space' in target ? target.space : target)
  const workshopId = 'state' in target ? target.state.workshopId : null
  return readersAmong(q, target, workshopId ? [...candidates, ...(await workshopCandidates(q, workshopId))] : candidates)
}
