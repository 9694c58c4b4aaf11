import type { Queryable } from '../db/db'
import type { OnboardingItemKey } from '../../shared/onboarding'

/** A network's onboarding of its cities: checklist items, the secretariat's visits, the inaugural event. Dates as YYYY-MM-DD. */

export type OnboardingItemRow = {
  cityId: string
  key: OnboardingItemKey
  doneAt: Date | null
  doneBy: { id: string; name: string } | null
  note: string
}

export async function onboardingItems(q: Queryable, networkId: string): Promise<OnboardingItemRow[]> {
  const rows = await q.query<Omit<OnboardingItemRow, 'doneBy'> & { doneById: string | null; doneByName: string | null }>(
    `select o.city_id as "cityId", o.key, o.done_at as "doneAt", o.done_by as "doneById", u.name as "doneByName", o.note
     from onboarding_items o left join users u on u.id = o.done_by where o.network_id = $1`,
    [networkId],
  )
  return rows.map(({ doneById, doneByName, ...r }) => ({ ...r, doneBy: doneById && doneByName ? { id: doneById, name: doneByName } : null }))
}

/** Ticks or unticks an item; a note given replaces the last one. */
export async function setOnboardingItem(
  q: Queryable,
  item: { networkId: string; cityId: string; key: OnboardingItemKey; done: boolean; note: string | undefined; by: string },
): Promise<void> {
  await q.query(
    `insert into onboarding_items (network_id, city_id, key, done_at, done_by, note)
     values ($1, $2, $3, case when $4 then now() end, case when $4 then $5::uuid end, coalesce($6, ''))
     on conflict (network_id, city_id, key) do update set
       done_at = case when $4 then coalesce(onboarding_items.done_at, now()) end,
       done_by = case when $4 then coalesce(onboarding_items.done_by, $5::uuid) end,
       note = coalesce($6, onboarding_items.note), updated_at = now()`,
    [item.networkId, item.cityId, item.key, item.done, item.by, item.note ?? null],
  )
}

export type EventDates = { plannedOn: string | null; heldOn: string | null }

/** A city's visit: its dates, and its report's document once someone started it. */
export type CityVisitRow = EventDates & { reportId: string | null }

export async function cityVisits(q: Queryable, networkId: string): Promise<Map<string, CityVisitRow>> {
  const rows = await q.query<CityVisitRow & { cityId: string }>(
    `select city_id as "cityId", to_char(planned_on, 'YYYY-MM-DD') as "plannedOn", to_char(held_on, 'YYYY-MM-DD') as "heldOn", report_id as "reportId"
     from city_visits where network_id = $1`,
    [networkId],
  )
  return new Map(rows.map(({ cityId, ...visit }) => [cityId, visit]))
}

/** The visit's report, its row made if need be and locked until the transaction ends: two people starting it take turns. */
export async function lockVisitReport(tx: Queryable, networkId: string, cityId: string): Promise<string | null> {
  await tx.query('insert into city_visits (network_id, city_id) values ($1, $2) on conflict (network_id, city_id) do nothing', [networkId, cityId])
  const rows = await tx.query<{ reportId: string | null }>(
    'select report_id as "reportId" from city_visits where network_id = $1 and city_id = $2 for update',
    [networkId, cityId],
  )
  return rows[0]!.reportId
}

export async function setVisitReport(q: Queryable, networkId: string, cityId: string, documentId: string): Promise<void> {
  await q.query('update city_visits set report_id = $3 where network_id = $1 and city_id = $2', [networkId, cityId, documentId])
}

/** Fields left undefined keep their value; null clears them. */
export async function setCityVisit(q: Queryable, networkId: string, cityId: string, dates: Partial<EventDates>): Promise<void> {
  await q.query(
    `insert into city_visits (network_id, city_id, planned_on, held_on) values ($1, $2, $4::date, $6::date)
     on conflict (network_id, city_id) do update set
       planned_on = case when $3 then excluded.planned_on else city_visits.planned_on end,
       held_on = case when $5 then excluded.held_on else city_visits.held_on end`,
    [networkId, cityId, dates.plannedOn !== undefined, dates.plannedOn ?? null, dates.heldOn !== undefined, dates.heldOn ?? null],
  )
}

export type InauguralRow = EventDates & { cityId: string | null }

export async function inauguralEvent(q: Queryable, networkId: string): Promise<InauguralRow | null> {
  const rows = await q.query<InauguralRow>(
    `select city_id as "cityId", to_char(planned_on, 'YYYY-MM-DD') as "plannedOn", to_char(held_on, 'YYYY-MM-DD') as "heldOn"
     from inaugural_events where network_id = $1`,
    [networkId],
  )
  return rows[0] ?? null
}

export async function setInauguralEvent(q: Queryable, networkId: string, e: Partial<InauguralRow>): Promise<void> {
  await q.query(
    `insert into inaugural_events (network_id, city_id, planned_on, held_on) values ($1, $3::uuid, $5::date, $7::date)
     on conflict (network_id) do update set
       city_id = case when $2 then excluded.city_id else inaugural_events.city_id end,
       planned_on = case when $4 then excluded.planned_on else inaugural_events.planned_on end,
       held_on = case when $6 then excluded.held_on else inaugural_events.held_on end`,
    [networkId, e.cityId !== undefined, e.cityId ?? null, e.plannedOn !== undefined, e.plannedOn ?? null, e.heldOn !== undefined, e.heldOn ?? null],
  )
}
