import type { Queryable } from '../db/db'
import type { Actor, ExpertKind, Grant, GrantRole, Membership, SpaceRef } from '../../shared/domain'

const GRANT_COLUMNS = `role, network_id as "networkId", city_id as "cityId", expert_kind as "expertKind"`

/**
 * Loads what the policy needs about a user: their grants, the active memberships of the cities
 * they work for and of the networks they run, and the workshops they take part in.
 */
export async function loadActor(q: Queryable, userId: string): Promise<Actor> {
  return (await loadActors(q, [userId]))[0]!
}

/** loadActor for several people in three queries, in the order given (someone unknown has no rights). */
export async function loadActors(q: Queryable, userIds: string[]): Promise<Actor[]> {
  if (userIds.length === 0) return []
  const grants = await q.query<Grant & { userId: string }>(`select user_id as "userId", ${GRANT_COLUMNS} from role_grants where user_id = any($1::uuid[])`, [
    userIds,
  ])
  const memberships = await q.query<Membership & { userId: string }>(
    `select distinct g.user_id as "userId", m.network_id as "networkId", m.city_id as "cityId", m.kind
     from memberships m join role_grants g on g.city_id = m.city_id or (g.role = 'secretariat' and g.network_id = m.network_id)
     where m.left_at is null and g.user_id = any($1::uuid[])`,
    [userIds],
  )
  // By name, or as the representative of a city on whose team they are, while it is still in the workshop's network.
  const workshops = await q.query<{ userId: string; workshopId: string }>(
    `select p.user_id as "userId", p.workshop_id as "workshopId" from workshop_participants p where p.user_id = any($1::uuid[])
     union
     select g.user_id, p.workshop_id from workshop_participants p
       join role_grants g on g.role = 'city_team' and g.city_id = p.city_id
       join workshops w on w.id = p.workshop_id
       join memberships m on m.city_id = p.city_id and m.network_id = w.network_id and m.left_at is null
     where p.kind = 'city_representative' and g.user_id = any($1::uuid[])`,
    [userIds],
  )
  return userIds.map((userId) => ({
    userId,
    grants: grants.filter((g) => g.userId === userId).map((g): Grant => ({ role: g.role, networkId: g.networkId, cityId: g.cityId, expertKind: g.expertKind })),
    memberships: memberships.filter((m) => m.userId === userId).map((m): Membership => ({ networkId: m.networkId, cityId: m.cityId, kind: m.kind })),
    workshops: workshops.filter((w) => w.userId === userId).map((w) => w.workshopId),
  }))
}

export async function addGrant(
  q: Queryable,
  g: { userId: string; role: GrantRole; space: SpaceRef; expertKind?: ExpertKind | null; grantedBy?: string | null },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into role_grants (user_id, role, network_id, city_id, expert_kind, granted_by)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (user_id, role, coalesce(network_id, city_id)) do update set expert_kind = excluded.expert_kind
     returning id`,
    [g.userId, g.role, g.space.type === 'network' ? g.space.id : null, g.space.type === 'city' ? g.space.id : null, g.expertKind ?? null, g.grantedBy ?? null],
  )
  return row!.id
}

/** A role held, with who gave it and how many hold the same role on the same space (the revocation rule's facts). */
export type GrantRecord = { id: string; userId: string; space: SpaceRef; role: GrantRole; grantedBy: string | null; holders: number }

export async function findGrant(q: Queryable, id: string): Promise<GrantRecord | null> {
  const rows = await q.query<{
    id: string
    userId: string
    role: GrantRole
    networkId: string | null
    cityId: string | null
    grantedBy: string | null
    holders: number
  }>(
    `select g.id, g.user_id as "userId", g.role, g.network_id as "networkId", g.city_id as "cityId", g.granted_by as "grantedBy",
       (select count(*)::int from role_grants o where o.role = g.role and coalesce(o.network_id, o.city_id) = coalesce(g.network_id, g.city_id)) as holders
     from role_grants g where g.id = $1`,
    [id],
  )
  const r = rows[0]
  if (!r) return null
  const space: SpaceRef = r.networkId ? { type: 'network', id: r.networkId } : { type: 'city', id: r.cityId! }
  return { id: r.id, userId: r.userId, role: r.role, space, grantedBy: r.grantedBy, holders: r.holders }
}

export async function removeGrant(q: Queryable, id: string): Promise<void> {
  await q.query('delete from role_grants where id = $1', [id])
}

/** One role held on a space, with everything about its holder: presenters decide what each caller sees. */
export type PersonRow = {
  grantId: string
  user: { id: string; name: string; email: string }
  role: GrantRole
  expertKind: ExpertKind | null
  space: SpaceRef & { name: string }
  grantedBy: string | null
  /** How many people hold this role on this space. */
  holders: number
}

/** People holding a role directly on one space. */
export async function listPeople(q: Queryable, space: SpaceRef): Promise<PersonRow[]> {
  const column = space.type === 'network' ? 'network_id' : 'city_id'
  const nameTable = space.type === 'network' ? 'networks' : 'cities'
  const rows = await q.query<{
    grantId: string
    userId: string
    name: string
    email: string
    role: GrantRole
    expertKind: ExpertKind | null
    spaceName: string
    grantedBy: string | null
    holders: number
  }>(
    `select g.id as "grantId", u.id as "userId", u.name, u.email, g.role, g.expert_kind as "expertKind", s.name as "spaceName",
       g.granted_by as "grantedBy", (count(*) over (partition by g.role))::int as holders
     from role_grants g join users u on u.id = g.user_id join ${nameTable} s on s.id = g.${column}
     where g.${column} = $1 order by g.role, u.name`,
    [space.id],
  )
  return rows.map((r) => ({
    grantId: r.grantId,
    user: { id: r.userId, name: r.name, email: r.email },
    role: r.role,
    expertKind: r.expertKind,
    space: { type: space.type, id: space.id, name: r.spaceName },
    grantedBy: r.grantedBy,
    holders: r.holders,
  }))
}
