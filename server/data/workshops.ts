import type { Queryable } from '../db/db'
import type { ParticipantKind } from '../../shared/workshops'

/** Workshops, their documents and their participants. Dates as YYYY-MM-DD. */

export type WorkshopRow = {
  id: string
  networkId: string
  title: string
  hostCityId: string | null
  startsOn: string
  endsOn: string
  place: string
  objectives: string[]
  createdAt: Date
}

export type WorkshopFields = { title: string; hostCityId: string | null; startsOn: string; endsOn: string; place: string; objectives: string[] }

const SELECT = `select id, network_id as "networkId", title, host_city_id as "hostCityId", to_char(starts_on, 'YYYY-MM-DD') as "startsOn",
  to_char(ends_on, 'YYYY-MM-DD') as "endsOn", place, objectives, created_at as "createdAt" from workshops`

const parsed = (r: WorkshopRow): WorkshopRow => ({ ...r, objectives: typeof r.objectives === 'string' ? JSON.parse(r.objectives) : r.objectives })

export async function insertWorkshop(q: Queryable, networkId: string, createdBy: string, w: WorkshopFields): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into workshops (network_id, title, host_city_id, starts_on, ends_on, place, objectives, created_by)
     values ($1, $2, $3, $4::date, $5::date, $6, $7::text::jsonb, $8) returning id`,
    [networkId, w.title, w.hostCityId, w.startsOn, w.endsOn, w.place, JSON.stringify(w.objectives), createdBy],
  )
  return row!.id
}

export async function updateWorkshop(q: Queryable, id: string, w: WorkshopFields): Promise<void> {
  await q.query(
    `update workshops set title = $2, host_city_id = $3, starts_on = $4::date, ends_on = $5::date, place = $6, objectives = $7::text::jsonb where id = $1`,
    [id, w.title, w.hostCityId, w.startsOn, w.endsOn, w.place, JSON.stringify(w.objectives)],
  )
}

export async function getWorkshop(q: Queryable, id: string): Promise<WorkshopRow | null> {
  const rows = await q.query<WorkshopRow>(`${SELECT} where id = $1`, [id])
  return rows[0] ? parsed(rows[0]) : null
}

/** Oldest first. */
export async function listWorkshops(q: Queryable, networkId: string): Promise<WorkshopRow[]> {
  return (await q.query<WorkshopRow>(`${SELECT} where network_id = $1 order by starts_on, created_at`, [networkId])).map(parsed)
}

/**
 * The workshops of these networks and these workshops, soonest first: those not over yet by
 * their first day, then past ones, the latest first.
 */
export async function listWorkshopsAmong(q: Queryable, among: { networkIds: string[]; workshopIds: string[] }): Promise<WorkshopRow[]> {
  if (among.networkIds.length === 0 && among.workshopIds.length === 0) return []
  const rows = await q.query<WorkshopRow>(
    `${SELECT} where network_id = any($1::uuid[]) or id = any($2::uuid[])
     order by ends_on < current_date, case when ends_on >= current_date then starts_on end, starts_on desc, created_at`,
    [among.networkIds, among.workshopIds],
  )
  return rows.map(parsed)
}

export async function linkWorkshopDocument(q: Queryable, workshopId: string, documentId: string, role: string): Promise<void> {
  await q.query('insert into workshop_documents (workshop_id, document_id, role) values ($1, $2, $3)', [workshopId, documentId, role])
}

/** Each role's document id. */
export async function workshopDocuments(q: Queryable, workshopId: string): Promise<Map<string, string>> {
  const rows = await q.query<{ role: string; documentId: string }>('select role, document_id as "documentId" from workshop_documents where workshop_id = $1', [
    workshopId,
  ])
  return new Map(rows.map((r) => [r.role, r.documentId]))
}

/** Every workshop document of a network: which workshop, as what. */
export async function networkWorkshopDocuments(q: Queryable, networkId: string): Promise<{ workshopId: string; role: string; documentId: string }[]> {
  return q.query(
    `select wd.workshop_id as "workshopId", wd.role, wd.document_id as "documentId"
     from workshop_documents wd join workshops w on w.id = wd.workshop_id where w.network_id = $1`,
    [networkId],
  )
}

export type ParticipantRow = {
  id: string
  kind: ParticipantKind
  funded: boolean
  userId: string | null
  name: string
  email: string | null
  cityId: string | null
}

export async function getParticipant(q: Queryable, workshopId: string, id: string): Promise<ParticipantRow | null> {
  const rows = await q.query<ParticipantRow>(
    `select id, kind, funded, user_id as "userId", name, email, city_id as "cityId" from workshop_participants where workshop_id = $1 and id = $2`,
    [workshopId, id],
  )
  return rows[0] ?? null
}

/** The workshop a participant takes part in, for their invitation. */
export async function workshopOfParticipant(q: Queryable, participantId: string): Promise<WorkshopRow | null> {
  const rows = await q.query<WorkshopRow>(`${SELECT} where id = (select workshop_id from workshop_participants where id = $1)`, [participantId])
  return rows[0] ? parsed(rows[0]) : null
}

/** Links the participant to an account; false if they have one already (or are gone). */
export async function claimParticipant(q: Queryable, participantId: string, userId: string): Promise<boolean> {
  return (await q.query('update workshop_participants set user_id = $2 where id = $1 and user_id is null returning id', [participantId, userId])).length > 0
}

export async function listParticipants(q: Queryable, workshopId: string): Promise<ParticipantRow[]> {
  return q.query<ParticipantRow>(
    `select id, kind, funded, user_id as "userId", name, email, city_id as "cityId" from workshop_participants
     where workshop_id = $1 order by created_at, id`,
    [workshopId],
  )
}

/** Locks the workshop's row: participants are added one at a time, so the funding caps hold. */
export async function lockWorkshop(tx: Queryable, id: string): Promise<void> {
  await tx.query('select id from workshops where id = $1 for update', [id])
}

export async function insertParticipant(q: Queryable, workshopId: string, p: Omit<ParticipantRow, 'id'>): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into workshop_participants (workshop_id, kind, funded, user_id, name, email, city_id) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [workshopId, p.kind, p.funded, p.userId, p.name, p.email, p.cityId],
  )
  return row!.id
}

export async function deleteParticipant(q: Queryable, workshopId: string, id: string): Promise<boolean> {
  return (await q.query('delete from workshop_participants where workshop_id = $1 and id = $2 returning id', [workshopId, id])).length > 0
}

/** The revision of the workshop's calendar event; `bump` starts a new one (its dates or place changed). */
export async function calendarSequence(q: Queryable, workshopId: string, bump = false): Promise<number> {
  const [row] = await q.query<{ sequence: number }>(
    bump
      ? 'update workshops set calendar_sequence = calendar_sequence + 1 where id = $1 returning calendar_sequence as sequence'
      : 'select calendar_sequence as sequence from workshops where id = $1',
    [workshopId],
  )
  return row?.sequence ?? 0
}
