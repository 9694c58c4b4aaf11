import type { Queryable } from '../db/db'
import { loadActors } from './grants'
import { readerCandidates, workshopCandidates } from './people'
import { can, readsOnlyAsParticipant, rolesIn, type DocumentTarget, type Target } from '../../shared/policy'
import type { Actor } from '../../shared/domain'

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

/**
 * Of these readers of the document, those the actor meets there (to mention, or to list). Someone
 * who reads it only by taking part in its workshop meets the workshop's people and the network's
 * secretariat: a guest must not see the whole network through a mention list.
 */
export async function metThrough(q: Queryable, actor: Actor, target: DocumentTarget, readerIds: string[]): Promise<string[]> {
  const { space } = target
  const workshopId = target.state.workshopId
  if (!workshopId || space.type !== 'network' || !readsOnlyAsParticipant(actor, target)) return readerIds
  const participants = new Set(await workshopCandidates(q, workshopId))
  const others = await loadActors(
    q,
    readerIds.filter((id) => !participants.has(id)),
  )
  const secretariat = new Set(others.filter((a) => rolesIn(a, space).has('secretariat')).map((a) => a.userId))
  return readerIds.filter((id) => participants.has(id) || secretariat.has(id))
}
