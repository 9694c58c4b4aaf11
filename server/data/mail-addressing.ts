import type { Queryable } from '../db/db'
import type { SpaceRef } from '../../shared/domain'
import type { Recipient } from '../mail/mail'
import type { Sender } from '../mail/messages'

/** Who sends, as the mail names them: their name, and the city whose team they are part of. */
export async function senderOf(q: Queryable, userId: string): Promise<Sender> {
  const [row] = await q.query<Sender>(
    `select u.name, (select c.name from role_grants g join cities c on c.id = g.city_id
                     where g.user_id = u.id and g.role = 'city_team' order by g.created_at limit 1) as city
     from users u where u.id = $1`,
    [userId],
  )
  return row ?? { name: 'Atelier', city: null }
}

/**
 * The language an invitation is written in: that of the account the address already has, or else
 * the inviter's, who knows the person invited better than a default does.
 */
export async function invitationLocale(q: Queryable, email: string, inviterId: string): Promise<string> {
  const [row] = await q.query<{ locale: string | null }>(
    `select coalesce((select locale from users where lower(email) = lower($1) limit 1), (select locale from users where id = $2)) as locale`,
    [email, inviterId],
  )
  return row?.locale ?? 'fr'
}

export async function recipientsByIds(q: Queryable, ids: string[]): Promise<Map<string, Recipient>> {
  const rows = await q.query<Recipient>(`select id, email, locale from users where id = any($1::uuid[])`, [ids])
  return new Map(rows.map((r) => [r.id!, r]))
}

/** The networks whose secretariat sees a mail about this space: the network, or the city's current networks. */
export async function networksOfSpace(q: Queryable, space: SpaceRef): Promise<string[]> {
  if (space.type === 'network') return [space.id]
  const rows = await q.query<{ id: string }>(`select network_id as id from memberships where city_id = $1 and left_at is null`, [space.id])
  return rows.map((r) => r.id)
}

/** The networks where a person holds a role, directly or through their city. */
export async function networksOfPerson(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select g.network_id as id from role_grants g where g.user_id = $1 and g.network_id is not null
     union select m.network_id from role_grants g join memberships m on m.city_id = g.city_id and m.left_at is null where g.user_id = $1`,
    [userId],
  )
  return rows.map((r) => r.id)
}
