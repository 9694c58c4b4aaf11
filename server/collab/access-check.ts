import type { Db } from '../db/db'
import type { Auth } from '../auth/lucia'
import { sessionExpiry } from '../auth/session'
import { collabTokenExpiry } from '../data/collab-tokens'
import { getDocument, policyTarget, type DocumentRow } from '../data/documents'
import { loadActor } from '../data/grants'
import { accessLevel, type AccessLevel } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import type { Connection, Credential } from './connection'

/** What the policy says now about an open connection, or that its credential has ended. */
export type Verdict = AccessLevel | 'session-ended'
export type AccessCheck = (connection: Connection) => Promise<Verdict>

/**
 * How open connections are checked again: with the same policy as at the upgrade, against the
 * person's rights and the document's state now, and only while the credential the socket was
 * opened with (a session cookie, or a collab token bound to a session) still holds.
 */
export type AccessChecks = {
  /** A checker for one round of checks: each person's rights and each document are read once. */
  round(): AccessCheck
  /** Until when the connection's credential holds now (it may have been extended), or null once it ended. */
  expiry(credential: Credential): Promise<Date | null>
}

export function accessChecks(deps: { db: Db; auth: Auth }): AccessChecks {
  const expiry = (credential: Credential) =>
    credential.kind === 'session' ? sessionExpiry(deps.auth, credential.token) : collabTokenExpiry(deps.db, credential.hash)
  return {
    expiry,
    round() {
      const actors = new Map<string, Promise<Actor>>()
      const documents = new Map<string, Promise<DocumentRow | null>>()
      return async (c) => {
        const until = await expiry(c.credential)
        if (!until || until.getTime() <= Date.now()) return 'session-ended'
        if (!actors.has(c.userId)) actors.set(c.userId, loadActor(deps.db, c.userId))
        if (!documents.has(c.documentId)) documents.set(c.documentId, getDocument(deps.db, c.documentId))
        // Awaited together: a failure of either is the caller's, never an unhandled rejection.
        const [actor, doc] = await Promise.all([actors.get(c.userId)!, documents.get(c.documentId)!])
        return doc ? accessLevel(actor, policyTarget(doc)) : 'none'
      }
    },
  }
}
