import { describe, expect, it } from 'vitest'
import type { CityOnboarding, DocumentSummary, NetworkOnboarding } from '../../shared/api'
import type { PmNode } from '../../shared/content'
import type { ApiErrorBody } from '../../shared/errors'
import { TEMPLATES } from '../../shared/templates'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** The report of the secretariat's visit to a city: a live document in the city's space, linked to the visit, never the funder's to read. */
describe.each(DRIVERS)('visit reports on %s', (driver) => {
  const t = useTestApp(driver)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const cotonou = await buildCity(t.db, network, 'member', 'Cotonou')
    const other = await buildNetwork(t.db, 'Autre réseau')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      dakar: await buildPerson(t.db, 'Aminata Dakar', [{ role: 'city_team', on: dakar }]),
      cotonou: await buildPerson(t.db, 'Rodrigue Cotonou', [{ role: 'city_team', on: cotonou }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      elsewhere: await buildPerson(t.db, 'Other Secretariat', [{ role: 'secretariat', on: other }]),
    }
    const url = (cityId: string, networkId = network.id) => `/api/networks/${networkId}/cities/${cityId}/onboarding/visit/report`
    const onboarding = (cityId: string) => `/api/networks/${network.id}/cities/${cityId}/onboarding`
    return { network, dakar, cotonou, people, url, onboarding, as: await signInAll(t.app, people) }
  }

  /** Visit reports in these cities (each test builds its own). */
  const reports = async (...cities: { id: string }[]) =>
    (
      await t.db.query<{ n: number }>(`select count(*)::int as n from documents where kind = 'visit_report' and city_id = any($1::uuid[])`, [
        cities.map((c) => c.id),
      ])
    )[0]!.n
  const headings = async (documentId: string) => {
    const doc = await t.app.deps.documentReader.read(documentId, { kind: 'prosemirror' })
    return (doc.content ?? []).filter((b: PmNode) => b.type === 'heading').map((b: PmNode) => (b.content ?? []).map((x) => x.text).join(''))
  }

  it('the secretariat starts the report in the city’s space from the template; a second start answers 409 with it', async () => {
    const { cotonou, as, url, onboarding } = await world()
    expect((await as.secretariat.get<CityOnboarding>(onboarding(cotonou.id))).body).toMatchObject({
      visit: { hasReport: false, report: null },
      allowed: { startReport: true },
    })
    const res = await as.secretariat.post<DocumentSummary>(url(cotonou.id))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      kind: 'visit_report',
      title: 'Rapport de visite — Cotonou',
      locale: 'fr',
      space: { type: 'city', id: cotonou.id, name: 'Cotonou' },
      stage: null,
    })
    expect(await headings(res.body.id)).toEqual(['Rapport de visite — Cotonou', ...TEMPLATES.visit_report.sections.map((s) => s.fr)])

    const again = await as.cotonou.post<ApiErrorBody>(url(cotonou.id))
    expect([again.status, again.body.error.code, again.body.error.document?.id]).toEqual([409, 'conflict', res.body.id])
    expect(await reports(cotonou)).toBe(1)

    const seen = (await as.cotonou.get<CityOnboarding>(onboarding(cotonou.id))).body
    expect(seen.visit).toMatchObject({ hasReport: true, report: { id: res.body.id, title: 'Rapport de visite — Cotonou' } })
    expect(seen.allowed.startReport).toBe(false)
  })

  it('the city’s team may start it too, in its own language', async () => {
    const { cotonou, people, as, url } = await world()
    await t.db.query(`update users set locale = 'en' where id = $1`, [people.cotonou.id])
    const res = await as.cotonou.post<DocumentSummary>(url(cotonou.id))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ title: 'Visit report — Cotonou', locale: 'en', createdBy: people.cotonou.id })
    expect(await headings(res.body.id)).toEqual(['Visit report — Cotonou', ...TEMPLATES.visit_report.sections.map((s) => s.en)])
  })

  it('the funder and other cities learn that a report exists, never its title nor its content', async () => {
    const { network, cotonou, as, url, onboarding } = await world()
    const report = (await as.secretariat.post<DocumentSummary>(url(cotonou.id))).body
    for (const who of ['funder', 'dakar', 'expert'] as const) {
      const one = await as[who].get<CityOnboarding>(onboarding(cotonou.id))
      expect([one.status, one.body.visit], who).toEqual([200, { plannedOn: null, heldOn: null, hasReport: true, report: null }])
      expect(one.body.allowed.startReport, who).toBe(false)
      const all = await as[who].get<NetworkOnboarding>(`/api/networks/${network.id}/onboarding`)
      expect(JSON.stringify(all.body), who).not.toContain(report.id)
      expect(JSON.stringify(all.body), who).not.toContain('Rapport de visite')
      expect((await as[who].get(`/api/documents/${report.id}`)).status, who).toBe(403)
    }
  })

  it('refuses the funder, the network’s expert, other cities’ teams, another network and strangers, and makes nothing', async () => {
    const { network, dakar, cotonou, as, url } = await world()
    const refused: [keyof typeof as, string, number][] = [
      ['funder', cotonou.id, 403],
      ['expert', cotonou.id, 403],
      // The pilot city's team on a member city, and a member city's team on the pilot city.
      ['dakar', cotonou.id, 403],
      ['cotonou', dakar.id, 403],
      ['elsewhere', cotonou.id, 403],
    ]
    for (const [who, cityId, status] of refused) expect((await as[who].post(url(cityId))).status, `${who} on ${cityId}`).toBe(status)
    const outside = await buildCity(t.db, await buildNetwork(t.db, 'Troisième réseau'), 'member', 'Ailleurs')
    const notHere = await as.secretariat.post<ApiErrorBody>(url(outside.id))
    expect([notHere.status, notHere.body.error.message]).toEqual([404, 'No such city in this network'])
    expect((await t.app.client().post(url(cotonou.id))).status).toBe(401)
    expect(await reports(dakar, cotonou, outside)).toBe(0)
    const visits = await t.db.query('select * from city_visits where network_id = $1 and report_id is not null', [network.id])
    expect(visits).toEqual([])
  })
})
