import type { Queryable } from '../db/db'

/**
 * "Someone's rights may have changed": sent through PostgreSQL NOTIFY so every instance
 * hears it (inside a transaction it is delivered on commit). Live connections are then
 * checked again. `userId` narrows it to one person, `documentId` to one document (its state
 * changed); `all` covers membership changes.
 */
export const ACCESS_CHANNEL = 'atelier_access'
export type AccessEvent = { userId: string } | { documentId: string } | { all: true }

export async function announceAccessChange(q: Queryable, event: AccessEvent): Promise<void> {
  await q.query('select pg_notify($1, $2)', [ACCESS_CHANNEL, JSON.stringify(event)])
}
