import type { Queryable } from '../db/db'
import type { StepDates, StepKey, StepStatus, SupportKey } from '../../shared/localisation'

/** Each city's City WORKS steps and support activities. Days as YYYY-MM-DD; a step without a row has not started. */

type Person = { id: string; name: string }

export type StepRow = StepDates & {
  key: StepKey
  status: StepStatus
  lead: Person | null
  note: string
  updatedBy: Person | null
  updatedAt: Date
  documentIds: string[]
}

type RawStep = Omit<StepRow, 'lead' | 'updatedBy'> & {
  leadId: string | null
  leadName: string | null
  updatedById: string | null
  updatedByName: string | null
}

const person = (id: string | null, name: string | null): Person | null => (id && name ? { id, name } : null)

export async function localisationSteps(q: Queryable, cityId: string): Promise<StepRow[]> {
  const rows = await q.query<RawStep>(
    `select s.key, s.status, s.lead_id as "leadId", l.name as "leadName",
       to_char(s.started_on, 'YYYY-MM-DD') as "startedOn", to_char(s.done_on, 'YYYY-MM-DD') as "doneOn", s.note,
       s.updated_by as "updatedById", u.name as "updatedByName", s.updated_at as "updatedAt",
       coalesce((select array_agg(d.document_id::text order by d.document_id) from localisation_step_documents d
                 where d.city_id = s.city_id and d.key = s.key), '{}') as "documentIds"
     from localisation_steps s left join users l on l.id = s.lead_id left join users u on u.id = s.updated_by
     where s.city_id = $1`,
    [cityId],
  )
  return rows.map(({ leadId, leadName, updatedById, updatedByName, ...r }) => ({
    ...r,
    lead: person(leadId, leadName),
    updatedBy: person(updatedById, updatedByName),
  }))
}

/** The status of every step started somewhere in these cities, for progress at a glance. */
export async function localisationStatuses(q: Queryable, cityIds: string[]): Promise<{ cityId: string; key: StepKey; status: StepStatus }[]> {
  if (cityIds.length === 0) return []
  return q.query(`select city_id as "cityId", key, status from localisation_steps where city_id = any($1::uuid[])`, [cityIds])
}

export type StepWrite = StepDates & { cityId: string; key: StepKey; status: StepStatus; leadId: string | null; note: string; by: string }

/** Writes a step's whole state (the caller merged the change into what was there). */
export async function saveStep(q: Queryable, s: StepWrite): Promise<void> {
  await q.query(
    `insert into localisation_steps (city_id, key, status, lead_id, started_on, done_on, note, updated_by)
     values ($1, $2, $3, $4, $5::date, $6::date, $7, $8)
     on conflict (city_id, key) do update set status = excluded.status, lead_id = excluded.lead_id,
       started_on = excluded.started_on, done_on = excluded.done_on, note = excluded.note,
       updated_by = excluded.updated_by, updated_at = now()`,
    [s.cityId, s.key, s.status, s.leadId, s.startedOn, s.doneOn, s.note, s.by],
  )
}

/** The step's linked documents become exactly these. */
export async function setStepDocuments(q: Queryable, cityId: string, key: StepKey, documentIds: readonly string[]): Promise<void> {
  await q.query('delete from localisation_step_documents where city_id = $1 and key = $2', [cityId, key])
  if (documentIds.length === 0) return
  await q.query(`insert into localisation_step_documents (city_id, key, document_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing`, [
    cityId,
    key,
    [...documentIds],
  ])
}

export type SupportRow = { key: SupportKey; status: StepStatus; note: string; updatedBy: Person | null; updatedAt: Date }

export async function supportActivities(q: Queryable, cityId: string): Promise<SupportRow[]> {
  const rows = await q.query<Omit<SupportRow, 'updatedBy'> & { updatedById: string | null; updatedByName: string | null }>(
    `select a.key, a.status, a.note, a.updated_by as "updatedById", u.name as "updatedByName", a.updated_at as "updatedAt"
     from localisation_support a left join users u on u.id = a.updated_by where a.city_id = $1`,
    [cityId],
  )
  return rows.map(({ updatedById, updatedByName, ...r }) => ({ ...r, updatedBy: person(updatedById, updatedByName) }))
}

/** Fields left undefined keep their value. */
export async function setSupportActivity(
  q: Queryable,
  a: { cityId: string; key: SupportKey; status: StepStatus | undefined; note: string | undefined; by: string },
): Promise<void> {
  await q.query(
    `insert into localisation_support (city_id, key, status, note, updated_by) values ($1, $2, coalesce($3, 'not_started'), coalesce($4, ''), $5)
     on conflict (city_id, key) do update set status = coalesce($3, localisation_support.status),
       note = coalesce($4, localisation_support.note), updated_by = $5, updated_at = now()`,
    [a.cityId, a.key, a.status ?? null, a.note ?? null, a.by],
  )
}
