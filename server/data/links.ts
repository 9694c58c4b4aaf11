import type { Queryable } from '../db/db'
import type { ExpertKind, GrantRole, SpaceRef } from '../../shared/domain'

/**
 * Single-use links: invitations and password resets. Only a hash of the token is stored,
 * so a leaked database does not hand out working links.
 */

/** An invitation gives a role on a space, or makes someone a workshop's participant with no role (its space is then the workshop's network). */
export type InvitationRow = {
  id: string
  email: string | null
  space: SpaceRef
  createdBy: string | null
  expiresAt: Date
  acceptedAt: Date | null
} & ({ participantId: null; role: GrantRole; expertKind: ExpertKind | null } | { participantId: string; role: null; expertKind: null })

export async function createInvitation(
  q: Queryable,
  i: { tokenHash: string; email?: string | null; role: GrantRole; space: SpaceRef; expertKind?: ExpertKind | null; createdBy: string; expiresAt: Date },
): Promise<void> {
  await q.query(
    `insert into invitations (token_hash, email, role, network_id, city_id, expert_kind, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      i.tokenHash,
      i.email ?? null,
      i.role,
      i.space.type === 'network' ? i.space.id : null,
      i.space.type === 'city' ? i.space.id : null,
      i.expertKind ?? null,
      i.createdBy,
      i.expiresAt,
    ],
  )
}

/** A link for someone taking part in a workshop without an account (see InvitationRow). */
export async function createParticipantInvitation(
  q: Queryable,
  i: { tokenHash: string; email: string | null; networkId: string; participantId: string; createdBy: string; expiresAt: Date },
): Promise<void> {
  await q.query(`insert into invitations (token_hash, email, network_id, workshop_participant_id, created_by, expires_at) values ($1, $2, $3, $4, $5, $6)`, [
    i.tokenHash,
    i.email,
    i.networkId,
    i.participantId,
    i.createdBy,
    i.expiresAt,
  ])
}

export async function findInvitation(q: Queryable, tokenHash: string, forUpdate = false): Promise<InvitationRow | null> {
  const rows = await q.query<Omit<InvitationRow, 'space'> & { networkId: string | null; cityId: string | null }>(
    `select id, email, role, network_id as "networkId", city_id as "cityId", expert_kind as "expertKind",
       workshop_participant_id as "participantId", created_by as "createdBy", expires_at as "expiresAt", accepted_at as "acceptedAt"
     from invitations where token_hash = $1 ${forUpdate ? 'for update' : ''}`,
    [tokenHash],
  )
  const r = rows[0]
  if (!r) return null
  const { networkId, cityId, ...rest } = r
  return { ...rest, space: networkId ? { type: 'network', id: networkId } : { type: 'city', id: cityId! } } as InvitationRow
}

/** Marks the invitation used; false if someone else used it first. */
export async function consumeInvitation(q: Queryable, id: string, userId: string): Promise<boolean> {
  const rows = await q.query(`update invitations set accepted_at = now(), accepted_by = $2 where id = $1 and accepted_at is null returning id`, [id, userId])
  return rows.length > 0
}

export type PasswordResetRow = { id: string; userId: string; expiresAt: Date; usedAt: Date | null }

export async function createPasswordReset(q: Queryable, r: { tokenHash: string; userId: string; createdBy: string; expiresAt: Date }): Promise<void> {
  await q.query(`insert into password_resets (token_hash, user_id, created_by, expires_at) values ($1, $2, $3, $4)`, [
    r.tokenHash,
    r.userId,
    r.createdBy,
    r.expiresAt,
  ])
}

export async function findPasswordReset(q: Queryable, tokenHash: string): Promise<PasswordResetRow | null> {
  const rows = await q.query<PasswordResetRow>(
    `select id, user_id as "userId", expires_at as "expiresAt", used_at as "usedAt"
     from password_resets where token_hash = $1 for update`,
    [tokenHash],
  )
  return rows[0] ?? null
}

export async function consumePasswordReset(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query(`update password_resets set used_at = now() where id = $1 and used_at is null returning id`, [id])
  return rows.length > 0
}

/** Invitations with an address someone made in the last hour: what they may have mailed lately. */
export async function recentInvitationsBy(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from invitations where created_by = $1 and email is not null and created_at > now() - interval '1 hour'`,
    [userId],
  )
  return row!.n
}
