import { describe, expect, it } from 'vitest'
import type { CityOnboarding, NetworkOnboarding } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** Bringing cities into a network: the checklist of the seeds' six objectives, late paperwork, visits and the inaugural event. */
describe.each(DRIVERS)('onboarding cities on %s', (driver) => {
  const t = useTestApp(driver)

  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const cotonou = await buildCity(t.db, network, 'member', 'Cotonou')
    await t.db.query('update memberships set selected_on = $2::date, confirmed_on = $3::date where city_id = $1', [cotonou.id, daysAgo(120), daysAgo(90)])
    const other = await buildNetwork(t.db, 'Autre réseau')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      dakar: await buildPerson(t.db, 'Aminata Dakar', [{ role: 'city_team', on: dakar }]),
      cotonou: await buildPerson(t.db, 'Rodrigue Cotonou', [{ role: 'city_team', on: cotonou }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      elsewhere: await buildPerson(t.db, 'Other Secretariat', [{ role: 'secretariat', on: other }]),
    }
    return { network, dakar, cotonou, people, as: await signInAll(t.app, people) }
  }

  const item = (city: CityOnboarding, key: string) => city.items.find((i) => i.key === key)!

  it('the secretariat and the city tick items; progress counts the six objectives; paperwork open past 60 days is flagged', async () => {
    const { network, cotonou, people, as } = await world()
    const url = (key: string) => `/api/networks/${network.id}/cities/${cotonou.id}/onboarding/items/${key}`
    const start = (await as.funder.get<CityOnboarding>(`/api/networks/${network.id}/cities/${cotonou.id}/onboarding`)).body
    expect(start).toMatchObject({ objectivesMet: 0, paperworkOpenDays: 90, paperworkLate: true, allowed: { tick: false, schedule: false } })
    expect(start.items.map((i) => i.key)).toHaveLength(8)

    const confirmed = await as.secretariat.patch<CityOnboarding>(url('participation_confirmed'), { done: true })
    expect(item(confirmed.body, 'participation_confirmed')).toMatchObject({ done: true, doneBy: { id: people.secretariat.id } })
    const signed = await as.cotonou.patch<CityOnboarding>(url('contract_signed'), { done: true, note: 'Signé par le maire le 3 février.' })
    expect(item(signed.body, 'contract_signed')).toMatchObject({ done: true, note: 'Signé par le maire le 3 février.', doneBy: { id: people.cotonou.id } })
    // Confirmed and signed, but no transfer yet: the first objective is not met, the paperwork is still late.
    expect(signed.body).toMatchObject({ objectivesMet: 0, paperworkLate: true })
    await as.cotonou.patch(url('made_public'), { done: true })
    const transfer = await as.secretariat.patch<CityOnboarding>(url('first_transfer'), { done: true })
    expect(transfer.body).toMatchObject({ objectivesMet: 2, paperworkOpenDays: null, paperworkLate: false })

    const undone = await as.secretariat.patch<CityOnboarding>(url('made_public'), { done: false })
    expect(item(undone.body, 'made_public')).toMatchObject({ done: false, doneAt: null, doneBy: null })
    expect(undone.body.objectivesMet).toBe(1)
  })

  it('refuses the wrong people, unknown items and cities outside the network, and changes nothing', async () => {
    const { network, dakar, cotonou, as } = await world()
    const url = (city: string, key = 'made_public') => `/api/networks/${network.id}/cities/${city}/onboarding/items/${key}`
    for (const who of ['funder', 'expert', 'dakar', 'elsewhere'] as const) {
      expect((await as[who].patch(url(cotonou.id), { done: true })).status, who).toBe(403)
    }
    const unknown = await as.secretariat.patch<ApiErrorBody>(url(cotonou.id, 'bribe_paid'), { done: true })
    expect([unknown.status, unknown.body.error.message]).toEqual([404, expect.stringContaining('participation_confirmed')])
    const outside = await buildCity(t.db, await buildNetwork(t.db, 'Troisième réseau'), 'member', 'Ailleurs')
    expect((await as.secretariat.patch(url(outside.id), { done: true })).status).toBe(404)
    expect((await as.secretariat.patch<ApiErrorBody>(url(cotonou.id), { done: 'oui' })).body.error.code).toBe('invalid_input')
    const after = (await as.secretariat.get<NetworkOnboarding>(`/api/networks/${network.id}/onboarding`)).body
    expect(after.cities.flatMap((c) => c.items.filter((i) => i.done))).toEqual([])
    expect(after.cities.map((c) => c.city.id)).toEqual([dakar.id, cotonou.id])
  })

  it('the secretariat plans its visits and the inaugural event in one of the network’s cities', async () => {
    const { network, dakar, cotonou, as } = await world()
    const visit = await as.secretariat.patch<CityOnboarding>(`/api/networks/${network.id}/cities/${cotonou.id}/onboarding/visit`, { plannedOn: '2026-03-10' })
    expect(visit.body.visit).toEqual({ plannedOn: '2026-03-10', heldOn: null, hasReport: false, report: null })
    const held = await as.secretariat.patch<CityOnboarding>(`/api/networks/${network.id}/cities/${cotonou.id}/onboarding/visit`, { heldOn: '2026-03-12' })
    expect(held.body.visit).toEqual({ plannedOn: '2026-03-10', heldOn: '2026-03-12', hasReport: false, report: null })
    expect((await as.cotonou.patch(`/api/networks/${network.id}/cities/${cotonou.id}/onboarding/visit`, { heldOn: '2026-03-13' })).status).toBe(403)

    const inaugural = await as.secretariat.patch<NetworkOnboarding>(`/api/networks/${network.id}/inaugural`, { cityId: dakar.id, plannedOn: '2026-02-20' })
    expect(inaugural.body.inaugural).toEqual({ city: { id: dakar.id, name: 'Dakar' }, plannedOn: '2026-02-20', heldOn: null })
    const outside = await buildCity(t.db, await buildNetwork(t.db, 'Quatrième réseau'), 'member', 'Loin')
    expect((await as.secretariat.patch(`/api/networks/${network.id}/inaugural`, { cityId: outside.id })).status).toBe(404)
    expect((await as.dakar.patch(`/api/networks/${network.id}/inaugural`, { heldOn: '2026-02-21' })).status).toBe(403)
    expect((await as.elsewhere.get(`/api/networks/${network.id}/onboarding`)).status).toBe(403)
  })
})
