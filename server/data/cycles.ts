import type { Queryable } from '../db/db'

/** The dated cycles of experimentation logs. Dates travel as YYYY-MM-DD text. */

export type CycleRow = {
  id: string
  logId: string
  startsOn: string
  endsOn: string | null
  hypotheses: string
  results: string
  lessons: string
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
}

export type CycleFields = { startsOn: string; endsOn: string | null; hypotheses: string; results: string; lessons: string }

const SELECT = `select id, log_id as "logId", to_char(starts_on, 'YYYY-MM-DD') as "startsOn", to_char(ends_on, 'YYYY-MM-DD') as "endsOn",
  hypotheses, results, lessons, created_by as "createdBy", created_at as "createdAt", updated_at as "updatedAt" from experimentation_cycles`

/** In the order they ran. */
export async function listCycles(q: Queryable, logId: string): Promise<CycleRow[]> {
  return q.query<CycleRow>(`${SELECT} where log_id = $1 order by starts_on, created_at`, [logId])
}

export async function getCycle(q: Queryable, logId: string, id: string): Promise<CycleRow | null> {
  return (await q.query<CycleRow>(`${SELECT} where log_id = $1 and id = $2`, [logId, id]))[0] ?? null
}

export async function insertCycle(q: Queryable, logId: string, createdBy: string, c: CycleFields): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into experimentation_cycles (log_id, starts_on, ends_on, hypotheses, results, lessons, created_by)
     values ($1, $2::date, $3::date, $4, $5, $6, $7) returning id`,
    [logId, c.startsOn, c.endsOn, c.hypotheses, c.results, c.lessons, createdBy],
  )
  return row!.id
}

export async function updateCycle(q: Queryable, logId: string, id: string, c: CycleFields): Promise<boolean> {
  const rows = await q.query(
    `update experimentation_cycles set starts_on = $3::date, ends_on = $4::date, hypotheses = $5, results = $6, lessons = $7, updated_at = now()
     where log_id = $1 and id = $2 returning id`,
    [logId, id, c.startsOn, c.endsOn, c.hypotheses, c.results, c.lessons],
  )
  return rows.length > 0
}

export async function deleteCycle(q: Queryable, logId: string, id: string): Promise<boolean> {
  return (await q.query('delete from experimentation_cycles where log_id = $1 and id = $2 returning id', [logId, id])).length > 0
}

/** The experimentation log that follows a plan (the latest, if several were linked). */
export async function logOfPlan(q: Queryable, planId: string): Promise<{ id: string; title: string } | null> {
  const rows = await q.query<{ id: string; title: string }>(
    `select id, title from documents where plan_id = $1 and kind = 'experimentation_log' and archived_at is null order by created_at desc limit 1`,
    [planId],
  )
  return rows[0] ?? null
}

export type EndedCycle = CycleRow & { logTitle: string; cityName: string | null }

/** Cycles of the network's logs (its own and its active cities') that ended in [from, to). */
export async function cyclesEndedIn(q: Queryable, networkId: string, from: string, to: string): Promise<EndedCycle[]> {
  return q.query<EndedCycle>(
    `select e.id, e.log_id as "logId", to_char(e.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(e.ends_on, 'YYYY-MM-DD') as "endsOn",
       e.hypotheses, e.results, e.lessons, e.created_by as "createdBy", e.created_at as "createdAt", e.updated_at as "updatedAt", d.title as "logTitle", c.name as "cityName"
     from experimentation_cycles e join documents d on d.id = e.log_id left join cities c on c.id = d.city_id
     where e.ends_on >= $2::date and e.ends_on < $3::date and d.archived_at is null
       and (d.network_id = $1 or d.city_id in (select m.city_id from memberships m where m.network_id = $1 and m.left_at is null))
     order by e.ends_on`,
    [networkId, from, to],
  )
}
