import type { Queryable } from '../db/db'
import type { MembershipKind, NetworkStatus, SpaceRef } from '../../shared/domain'

/** Networks, cities and the memberships between them. */

/** `requireSettledSuggestions`: a deliverable is submitted only once no suggestion in it is pending. */
export type NetworkRow = { id: string; name: string; theme: string; description: string; status: NetworkStatus; requireSettledSuggestions: boolean }
export type CityRow = { id: string; name: string; country: string; languages: string[] }
export type MembershipRow = {
  networkId: string
  cityId: string
  cityName: string
  cityCountry: string
  kind: MembershipKind
  selectedOn: string | null
  confirmedOn: string | null
  startedOn: string | null
}

const NETWORK_COLUMNS = 'id, name, theme, description, status, require_settled_suggestions as "requireSettledSuggestions"'
const CITY_COLUMNS = 'id, name, country, languages'
// Dates travel as YYYY-MM-DD text so both drivers return the same thing.
const MEMBERSHIP_COLUMNS = `m.network_id as "networkId", m.city_id as "cityId", c.name as "cityName", c.country as "cityCountry",
  m.kind, to_char(m.selected_on, 'YYYY-MM-DD') as "selectedOn", to_char(m.confirmed_on, 'YYYY-MM-DD') as "confirmedOn",
  to_char(m.started_on, 'YYYY-MM-DD') as "startedOn"`

export async function createNetwork(q: Queryable, n: { name: string; theme?: string; description?: string; status?: NetworkStatus }): Promise<NetworkRow> {
  const [row] = await q.query<NetworkRow>(`insert into networks (name, theme, description, status) values ($1, $2, $3, $4) returning ${NETWORK_COLUMNS}`, [
    n.name,
    n.theme ?? '',
    n.description ?? '',
    n.status ?? 'forming',
  ])
  return row!
}

export async function updateNetwork(q: Queryable, id: string, patch: Partial<Omit<NetworkRow, 'id'>>): Promise<void> {
  await q.query(
    `update networks set name = coalesce($2, name), theme = coalesce($3, theme),
       description = coalesce($4, description), status = coalesce($5, status),
       require_settled_suggestions = coalesce($6, require_settled_suggestions) where id = $1`,
    [id, patch.name ?? null, patch.theme ?? null, patch.description ?? null, patch.status ?? null, patch.requireSettledSuggestions ?? null],
  )
}

export async function getNetworks(q: Queryable, ids: string[]): Promise<NetworkRow[]> {
  if (ids.length === 0) return []
  return q.query<NetworkRow>(`select ${NETWORK_COLUMNS} from networks where id = any($1::uuid[]) order by name`, [ids])
}

export async function getCities(q: Queryable, ids: string[]): Promise<CityRow[]> {
  if (ids.length === 0) return []
  return q.query<CityRow>(`select ${CITY_COLUMNS} from cities where id = any($1::uuid[]) order by name`, [ids])
}

export async function createCity(q: Queryable, c: { name: string; country?: string; languages?: string[] }): Promise<CityRow> {
  const [row] = await q.query<CityRow>(`insert into cities (name, country, languages) values ($1, $2, $3::text[]) returning ${CITY_COLUMNS}`, [
    c.name,
    c.country ?? '',
    c.languages ?? [],
  ])
  return row!
}

/** Adds the city, or brings it back if it had left; a network has at most one pilot city. */
export async function upsertMembership(
  q: Queryable,
  m: { networkId: string; cityId: string; kind: MembershipKind; selectedOn?: string | null; confirmedOn?: string | null; startedOn?: string | null },
): Promise<void> {
  await q.query(
    `insert into memberships (network_id, city_id, kind, selected_on, confirmed_on, started_on)
     values ($1, $2, $3, $4::date, $5::date, $6::date)
     on conflict (network_id, city_id) do update set kind = excluded.kind, left_at = null,
       selected_on = coalesce(excluded.selected_on, memberships.selected_on),
       confirmed_on = coalesce(excluded.confirmed_on, memberships.confirmed_on),
       started_on = coalesce(excluded.started_on, memberships.started_on)`,
    [m.networkId, m.cityId, m.kind, m.selectedOn ?? null, m.confirmedOn ?? null, m.startedOn ?? null],
  )
}

export async function updateMembership(
  q: Queryable,
  networkId: string,
  cityId: string,
  patch: { kind?: MembershipKind; selectedOn?: string | null; confirmedOn?: string | null; startedOn?: string | null },
): Promise<boolean> {
  // undefined leaves a date as it is; null clears it.
  const keep = (v: string | null | undefined) => (v === undefined ? 'keep' : 'set')
  const rows = await q.query(
    `update memberships set kind = coalesce($3, kind),
       selected_on = case when $4 = 'keep' then selected_on else $5::date end,
       confirmed_on = case when $6 = 'keep' then confirmed_on else $7::date end,
       started_on = case when $8 = 'keep' then started_on else $9::date end
     where network_id = $1 and city_id = $2 and left_at is null returning city_id`,
    [
      networkId,
      cityId,
      patch.kind ?? null,
      keep(patch.selectedOn),
      patch.selectedOn ?? null,
      keep(patch.confirmedOn),
      patch.confirmedOn ?? null,
      keep(patch.startedOn),
      patch.startedOn ?? null,
    ],
  )
  return rows.length > 0
}

export async function leaveNetwork(q: Queryable, networkId: string, cityId: string): Promise<boolean> {
  const rows = await q.query(`update memberships set left_at = now() where network_id = $1 and city_id = $2 and left_at is null returning city_id`, [
    networkId,
    cityId,
  ])
  return rows.length > 0
}

export async function listMemberships(q: Queryable, by: { networkId: string } | { cityId: string }): Promise<MembershipRow[]> {
  const [column, value] = 'networkId' in by ? ['m.network_id', by.networkId] : ['m.city_id', by.cityId]
  return q.query<MembershipRow>(
    `select ${MEMBERSHIP_COLUMNS} from memberships m join cities c on c.id = m.city_id
     where ${column} = $1 and m.left_at is null order by m.kind desc, c.name`,
    [value],
  )
}

/**
 * Cities a secretariat could bring into a network: every city that is or was in one of the
 * networks it runs (a city that left can come back), except those active in this network now.
 */
export async function listCityCandidates(q: Queryable, networkId: string, runNetworkIds: string[]): Promise<CityRow[]> {
  return q.query<CityRow>(
    `select ${CITY_COLUMNS} from cities c
     where exists (select 1 from memberships m where m.city_id = c.id and m.network_id = any($2::uuid[]))
       and not exists (select 1 from memberships m where m.city_id = c.id and m.network_id = $1 and m.left_at is null)
     order by c.name`,
    [networkId, runNetworkIds],
  )
}

export async function spaceName(q: Queryable, space: SpaceRef): Promise<string | null> {
  const table = space.type === 'network' ? 'networks' : 'cities'
  const rows = await q.query<{ name: string }>(`select name from ${table} where id = $1`, [space.id])
  return rows[0]?.name ?? null
}

/** Whether any of these networks requires every suggestion settled before a deliverable is submitted. */
export async function requiresSettledSuggestions(q: Queryable, networkIds: string[]): Promise<boolean> {
  if (networkIds.length === 0) return false
  const [row] = await q.query<{ required: boolean }>(
    `select coalesce(bool_or(require_settled_suggestions), false) as required from networks where id = any($1::uuid[])`,
    [networkIds],
  )
  return row?.required === true
}
