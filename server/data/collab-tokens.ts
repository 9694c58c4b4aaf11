import type { Queryable } from '../db/db'

/**
 * Short-lived tokens that open one document's socket for clients that cannot send our cookie
 * (scripts, integrations). Each is bound to the session it was made with (its stored id) and
 * holds only while that session does.
 */

export type NewCollabToken = { tokenHash: string; userId: string; documentId: string; sessionId: string; expiresAt: Date }

export async function createCollabToken(q: Queryable, t: NewCollabToken): Promise<void> {
  await q.query(`delete from collab_tokens where expires_at < now()`)
  await q.query(`insert into collab_tokens (token_hash, user_id, document_id, session_id, expires_at) values ($1, $2, $3, $4, $5)`, [
    t.tokenHash,
    t.userId,
    t.documentId,
    t.sessionId,
    t.expiresAt,
  ])
}

/** Extends a token of this session and document; false if there is no such live token (any more). */
export async function renewCollabToken(q: Queryable, t: NewCollabToken): Promise<boolean> {
  const rows = await q.query(
    `update collab_tokens set expires_at = $5
     where token_hash = $1 and user_id = $2 and document_id = $3 and session_id = $4 and expires_at > now() returning token_hash`,
    [t.tokenHash, t.userId, t.documentId, t.sessionId, t.expiresAt],
  )
  return rows.length > 0
}

const LIVE = `join sessions s on s.id = t.session_id and s.expires_at > now() where t.expires_at > now()`

/** A token holds until it expires or its session does, whichever comes first. */
const UNTIL = `least(t.expires_at, s.expires_at) as "expiresAt"`

/** Who a token stands for and until when, if it is for this document and it and its session still hold. */
export async function findCollabToken(q: Queryable, tokenHash: string, documentId: string): Promise<{ userId: string; expiresAt: Date } | null> {
  const rows = await q.query<{ userId: string; expiresAt: Date }>(
    `select t.user_id as "userId", ${UNTIL} from collab_tokens t ${LIVE} and t.token_hash = $1 and t.document_id = $2`,
    [tokenHash, documentId],
  )
  return rows[0] ? { userId: rows[0].userId, expiresAt: new Date(rows[0].expiresAt) } : null
}

/** Until when a token holds now (it may have been renewed), or null once it or its session is gone. */
export async function collabTokenExpiry(q: Queryable, tokenHash: string): Promise<Date | null> {
  const rows = await q.query<{ expiresAt: Date }>(`select ${UNTIL} from collab_tokens t ${LIVE} and t.token_hash = $1`, [tokenHash])
  return rows[0] ? new Date(rows[0].expiresAt) : null
}
