import type { Queryable } from '../db/db'
import type { SpaceRef } from '../../shared/domain'

/** People as others see them around a document: name and city, and who might be able to read it. */

export type PersonWithCity = { id: string; name: string; city: string | null }

/**
 * Name and city of each person, one query. The city is the one they speak for in this space
 * (its own team, or their city's membership of this network), else their first city team.
 */
export async function describePeople(q: Queryable, userIds: string[], space: SpaceRef): Promise<Map<string, PersonWithCity>> {
  if (userIds.length === 0) return new Map()
  const rows = await q.query<PersonWithCity>(
    `select u.id, u.name,
       (select c.name from role_grants g join cities c on c.id = g.city_id
        where g.user_id = u.id and g.role = 'city_team'
        order by (coalesce(g.city_id = $2::uuid, false) or exists (
          select 1 from memberships m where m.city_id = g.city_id and m.network_id = $3::uuid and m.left_at is null)) desc, c.name
        limit 1) as city
     from users u where u.id = any($1::uuid[])`,
    [[...new Set(userIds)], space.type === 'city' ? space.id : null, space.type === 'network' ? space.id : null],
  )
  return new Map(rows.map((r) => [r.id, r]))
}

/** Who may be taking part in a workshop (loadActors says who does): named with their account, or on the team of a city it has a representative of. */
export async function workshopCandidates(q: Queryable, workshopId: string): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(
    `select user_id as "userId" from workshop_participants where workshop_id = $1 and user_id is not null
     union
     select g.user_id from workshop_participants p join role_grants g on g.role = 'city_team' and g.city_id = p.city_id
     where p.workshop_id = $1 and p.kind = 'city_representative'`,
    [workshopId],
  )
  return rows.map((r) => r.userId)
}

/**
 * Everyone holding a role that could let them read a space: the policy decides who actually
 * may. For a network, its own roles and the teams of its member cities; for a city, its own
 * roles and the secretariats of its networks.
 */
export async function readerCandidates(q: Queryable, space: SpaceRef): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(
    space.type === 'network'
      ? `select g.user_id as "userId" from role_grants g where g.network_id = $1
         union
         select g.user_id from role_grants g join memberships m on m.city_id = g.city_id
         where m.network_id = $1 and m.left_at is null`
      : `select g.user_id as "userId" from role_grants g where g.city_id = $1
         union
         select g.user_id from role_grants g join memberships m on m.network_id = g.network_id
         where m.city_id = $1 and m.left_at is null and g.role = 'secretariat'`,
    [space.id],
  )
  return rows.map((r) => r.userId)
}
