import type { Queryable } from '../db/db'
import { loadActors } from './grants'
import { readerCandidates } from './people'
import { can } from '../../shared/policy'
import type { SpaceRef } from '../../shared/domain'

/** Of these people, those the policy lets read the space (and so its documents and their comments). */
export async function readersAmong(q: Queryable, space: SpaceRef, userIds: string[]): Promise<Set<string>> {
  const actors = await loadActors(q, [...new Set(userIds)])
  return new Set(actors.filter((a) => can(a, 'read', space)).map((a) => a.userId))
}

/** Everyone who may read the space. */
export async function readersOf(q: Queryable, space: SpaceRef): Promise<Set<string>> {
  return readersAmong(q, space, await readerCandidates(q, space))
}
