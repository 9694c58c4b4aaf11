import { daysSince } from '../../../shared/days'
import type { Queryable } from '../../db/db'
import { cityVisits, inauguralEvent, onboardingItems, type OnboardingItemRow } from '../../data/onboarding'
import { listMemberships, type MembershipRow } from '../../data/workspace'
import { can } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import { ONBOARDING_ITEMS, objectivesMet, PAPERWORK, PAPERWORK_LATE_DAYS } from '../../../shared/onboarding'
import type { CityOnboarding, DashboardCity, NetworkOnboarding } from '../../../shared/api'

/** Every active city's onboarding in the network, with what this person (if any) may change. */
export async function networkOnboarding(q: Queryable, actor: Actor | null, networkId: string, now = Date.now()): Promise<NetworkOnboarding> {
  const [memberships, items, visits, inaugural] = await Promise.all([
    listMemberships(q, { networkId }),
    onboardingItems(q, networkId),
    cityVisits(q, networkId),
    inauguralEvent(q, networkId),
  ])
  const cityName = (id: string | null) => memberships.find((m) => m.cityId === id)?.cityName
  return {
    cities: memberships.map((m) =>
      cityOnboarding(
        m,
        items.filter((i) => i.cityId === m.cityId),
        visits.get(m.cityId),
        {
          tick: can(actor, 'tick_onboarding', { type: 'city', id: m.cityId }),
          schedule: can(actor, 'manage_members', { type: 'network', id: networkId }),
        },
        now,
      ),
    ),
    inaugural: {
      city: inaugural?.cityId && cityName(inaugural.cityId) ? { id: inaugural.cityId, name: cityName(inaugural.cityId)! } : null,
      plannedOn: inaugural?.plannedOn ?? null,
      heldOn: inaugural?.heldOn ?? null,
    },
  }
}

function cityOnboarding(
  m: MembershipRow,
  rows: OnboardingItemRow[],
  visit: CityOnboarding['visit'] | undefined,
  allowed: CityOnboarding['allowed'],
  now: number,
): CityOnboarding {
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
    visit: visit ?? { plannedOn: null, heldOn: null },
    allowed,
  }
}

/** Each active city's onboarding in short, for the dashboard and its report. */
export async function onboardingProgress(q: Queryable, networkId: string): Promise<Map<string, DashboardCity['onboarding']>> {
  const { cities } = await networkOnboarding(q, null, networkId)
  return new Map(cities.map((c) => [c.city.id, { objectivesMet: c.objectivesMet, paperworkLate: c.paperworkLate }]))
}
