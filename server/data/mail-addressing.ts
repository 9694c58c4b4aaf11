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
