import { daysSince } from '../../../shared/days'
import type { Queryable } from '../../db/db'
import { getDocument, policyTarget, type DocumentRow } from '../../data/documents'
import { cityVisits, inauguralEvent, onboardingItems, type CityVisitRow, type OnboardingItemRow } from '../../data/onboarding'
import { listMemberships, type MembershipRow } from '../../data/workspace'
import { can } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import { ONBOARDING_ITEMS, objectivesMet, PAPERWORK, PAPERWORK_LATE_DAYS } from '../../../shared/onboarding'
import type { CityOnboarding, CityVisitView, DashboardCity, NetworkOnboarding } from '../../../shared/api'
import { presentDocument } from '../presenters'

/** Every active city's onboarding in the network, with what this person (if any) may change. */
export async function networkOnboarding(q: Queryable, actor: Actor | null, networkId: string, now = Date.now()): Promise<NetworkOnboarding> {
  const [memberships, items, visits, inaugural] = await Promise.all([
    listMemberships(q, { networkId }),
    onboardingItems(q, networkId),
    cityVisits(q, networkId),
    inauguralEvent(q, networkId),
  ])
  const cityName = (id: string | null) => memberships.find((m) => m.cityId === id)?.cityName
  const reports = await visitReports(q, [...visits.values()])
  return {
    cities: memberships.map((m) => {
      const visit = visits.get(m.cityId)
      const report = visit?.reportId ? reports.get(visit.reportId) : undefined
      const tick = can(actor, 'tick_onboarding', { type: 'city', id: m.cityId })
      return cityOnboarding(
        m,
        items.filter((i) => i.cityId === m.cityId),
        visitView(actor, visit, report),
        // Those who tick the city's checklist may start its visit report: they write in its space anyway.
        { tick, schedule: can(actor, 'manage_members', { type: 'network', id: networkId }), startReport: tick && !report },
        now,
      )
    }),
    inaugural: {
      city: inaugural?.cityId && cityName(inaugural.cityId) ? { id: inaugural.cityId, name: cityName(inaugural.cityId)! } : null,
      plannedOn: inaugural?.plannedOn ?? null,
      heldOn: inaugural?.heldOn ?? null,
    },
  }
}

/** The visits' reports, by id. */
async function visitReports(q: Queryable, visits: CityVisitRow[]): Promise<Map<string, DocumentRow>> {
  const ids = visits.flatMap((v) => (v.reportId ? [v.reportId] : []))
  const rows = await Promise.all(ids.map((id) => getDocument(q, id)))
  return new Map(rows.filter((d): d is DocumentRow => d !== null).map((d) => [d.id, d]))
}

/** The visit as this person may see it: its report's title and content only for those who may read the city's space. */
function visitView(actor: Actor | null, visit: CityVisitRow | undefined, report: DocumentRow | undefined): CityVisitView {
  return {
    plannedOn: visit?.plannedOn ?? null,
    heldOn: visit?.heldOn ?? null,
    hasReport: report !== undefined,
    report: actor && report && can(actor, 'read', policyTarget(report)) ? presentDocument(actor, report) : null,
  }
}

function cityOnboarding(m: MembershipRow, rows: OnboardingItemRow[], visit: CityVisitView, allowed: CityOnboarding['allowed'], now: number): CityOnboarding {
  const byKey = new Map(rows.map((r) => [r.key, r]))
  const done = new Set(rows.filter((r) => r.doneAt !== null).map((r) => r.key))
  const since = m.confirmedOn ?? m.selectedOn
  const paperworkOpen = PAPERWORK.some((key) => !done.has(key))
  const paperworkOpenDays = paperworkOpen && since ? daysSince(since, now) : null
  return {
    city: { id: m.cityId, name: m.cityName },
    items: ONBOARDING_ITEMS.map((key) => {
      const row = byKey.get(key)
      return {
        key,
        done: done.has(key),
        doneAt: row?.doneAt ? new Date(row.doneAt).toISOString() : null,
        doneBy: row?.doneAt ? row.doneBy : null,
        note: row?.note ?? '',
      }
    }),
    objectivesMet: objectivesMet(done),
    paperworkOpenDays,
    paperworkLate: paperworkOpenDays !== null && paperworkOpenDays > PAPERWORK_LATE_DAYS,
    visit,
    allowed,
  }
}

/** Each active city's onboarding in short, for the dashboard and its report. */
export async function onboardingProgress(q: Queryable, networkId: string): Promise<Map<string, DashboardCity['onboarding']>> {
  const { cities } = await networkOnboarding(q, null, networkId)
  return new Map(cities.map((c) => [c.city.id, { objectivesMet: c.objectivesMet, paperworkLate: c.paperworkLate }]))
}
