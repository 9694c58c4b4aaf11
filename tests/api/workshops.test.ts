import { describe, expect, it } from 'vitest'
import type { DocumentSummary, NetworkDashboard, WorkshopList, WorkshopView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** International workshops: two or three days, a live agenda and four deliverables, participants within the funding caps. */
describe.each(DRIVERS)('international workshops on %s', (driver) => {
  const t = useTestApp(driver)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const abidjan = await buildCity(t.db, network, 'member', 'Abidjan')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      pilot: await buildPerson(t.db, 'Aminata Pilot', [{ role: 'city_team', on: dakar }]),
      member: await buildPerson(t.db, 'Koffi Member', [{ role: 'city_team', on: abidjan }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      elsewhere: await buildPerson(t.db, 'Other Secretariat', [{ role: 'secretariat', on: await buildNetwork(t.db, 'Autre réseau') }]),
    }
    return { network, dakar, abidjan, people, as: await signInAll(t.app, people) }
  }

  const WORKSHOP = {
    title: 'Atelier de Dakar',
    startsOn: '2027-03-09',
    endsOn: '2027-03-11',
    place: 'Maison des élus, Dakar',
    objectives: ['Choisir la problématique prioritaire'],
  }
  const documentCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from documents'))[0]!.n

  it('creating one makes its agenda and four deliverables, hosted by the pilot city, each deliverable due a month after', async () => {
    const { network, dakar, as } = await world()
    const res = await as.pilot.post<WorkshopView>(`/api/networks/${network.id}/workshops`, WORKSHOP)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ title: 'Atelier de Dakar', host: { id: dakar.id, name: 'Dakar' }, startsOn: '2027-03-09', endsOn: '2027-03-11' })
    expect(res.body.agenda).toMatchObject({ kind: 'workshop_agenda', title: 'Programme de l’atelier — Atelier de Dakar', stage: null })
    expect(res.body.deliverables.map((d: DocumentSummary) => [d.kind, d.stage, d.dueOn])).toEqual([
      ['thematic_sheet', 'draft', '2027-04-10'],
      ['network_constitution', 'draft', '2027-04-10'],
      ['problem_statement', 'draft', '2027-04-10'],
      ['pilot_project', 'draft', '2027-04-10'],
    ])
    const list = (await as.funder.get<WorkshopList>(`/api/networks/${network.id}/workshops`)).body.workshops
    expect(list.map((w) => [w.id, w.allowed])).toEqual([[res.body.id, { organise: false, manageParticipants: false }]])
  })

  it('lasts two or three days, and only the secretariat and the pilot city organise one; a refusal creates nothing', async () => {
    const { network, as } = await world()
    const before = await documentCount()
    for (const [startsOn, endsOn] of [
      ['2027-03-09', '2027-03-12'],
      ['2027-03-09', '2027-03-09'],
      ['2027-03-09', '2027-03-08'],
    ]) {
      const res = await as.secretariat.post<ApiErrorBody>(`/api/networks/${network.id}/workshops`, { ...WORKSHOP, startsOn, endsOn })
      expect([res.status, res.body.error.fields?.[0]?.path], `${startsOn}–${endsOn}`).toEqual([400, 'endsOn'])
    }
    for (const who of ['member', 'expert', 'funder', 'elsewhere'] as const) {
      expect((await as[who].post(`/api/networks/${network.id}/workshops`, WORKSHOP)).status, who).toBe(403)
    }
    const outside = await buildCity(t.db, await buildNetwork(t.db, 'Troisième réseau'), 'member', 'Loin')
    expect((await as.secretariat.post<ApiErrorBody>(`/api/networks/${network.id}/workshops`, { ...WORKSHOP, hostCityId: outside.id })).status).toBe(400)
    expect(await documentCount()).toBe(before)
    const two = await as.secretariat.post<WorkshopView>(`/api/networks/${network.id}/workshops`, { ...WORKSHOP, endsOn: '2027-03-10' })
    expect(two.status).toBe(201)
  })

  it('the secretariat funds at most three experts and one adviser; a fourth expert is refused, a city is funded only by exception', async () => {
    const { network, abidjan, people, as } = await world()
    const workshop = (await as.secretariat.post<WorkshopView>(`/api/networks/${network.id}/workshops`, WORKSHOP)).body
    const url = `/api/workshops/${workshop.id}/participants`
    for (const name of ['Moussa Ndiaye', 'Ana Souza']) expect((await as.secretariat.post(url, { kind: 'local_expert', funded: true, name })).status).toBe(201)
    expect((await as.secretariat.post(url, { kind: 'international_expert', funded: true, userId: people.expert.id })).status).toBe(201)
    const fourth = await as.secretariat.post<ApiErrorBody>(url, { kind: 'international_expert', funded: true, name: 'Quatrième Experte' })
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'funding_cap'])
    expect(fourth.body.error.message).toContain('at most 3 experts')
    // At their own cost, they may come.
    expect((await as.secretariat.post(url, { kind: 'international_expert', funded: false, name: 'Quatrième Experte' })).status).toBe(201)
    expect((await as.secretariat.post(url, { kind: 'advisory', funded: true, name: 'Jean Conseil' })).status).toBe(201)
    expect((await as.secretariat.post(url, { kind: 'advisory', funded: true, name: 'Second Conseil' })).status).toBe(409)
    const city = await as.secretariat.post<ApiErrorBody>(url, { kind: 'city_representative', funded: true, userId: people.member.id, cityId: abidjan.id })
    expect([city.status, city.body.error.message]).toEqual([409, expect.stringContaining('exception')])
    const excepted = await as.secretariat.post<WorkshopView>(url, {
      kind: 'city_representative',
      funded: true,
      exception: true,
      userId: people.member.id,
      cityId: abidjan.id,
    })
    expect(excepted.body.funded).toEqual({ experts: 3, advisory: 1 })
    expect(excepted.body.participants.find((p) => p.userId === people.member.id)).toMatchObject({
      name: 'Koffi Member',
      city: { name: 'Abidjan' },
      funded: true,
    })

    for (const who of ['pilot', 'member', 'funder'] as const)
      expect((await as[who].post(url, { kind: 'advisory', funded: false, name: 'X' })).status, who).toBe(403)
    const removed = excepted.body.participants.find((p) => p.name === 'Moussa Ndiaye')!
    expect((await as.secretariat.delete(`${url}/${removed.id}`)).status).toBe(204)
    expect((await as.secretariat.post(url, { kind: 'local_expert', funded: true, name: 'Remplaçant' })).status).toBe(201)
  })

  it('four funded experts asked at once: three are taken, one refused', async () => {
    const { network, as } = await world()
    const workshop = (await as.secretariat.post<WorkshopView>(`/api/networks/${network.id}/workshops`, WORKSHOP)).body
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((n) =>
        as.secretariat.post(`/api/workshops/${workshop.id}/participants`, { kind: 'local_expert', funded: true, name: `Expert ${n}` }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409])
  })

  it('the dashboard lists each workshop with its four deliverables, apart from the network’s other documents', async () => {
    const { network, as } = await world()
    const workshop = (await as.secretariat.post<WorkshopView>(`/api/networks/${network.id}/workshops`, WORKSHOP)).body
    const dashboard = await as.funder.get<NetworkDashboard>(`/api/networks/${network.id}/dashboard`)
    expect(dashboard.status).toBe(200)
    expect(dashboard.body.workshops).toEqual([
      expect.objectContaining({ id: workshop.id, title: 'Atelier de Dakar', startsOn: '2027-03-09', endsOn: '2027-03-11' }),
    ])
    expect(dashboard.body.workshops[0]!.deliverables.map((d) => [d.id, d.stage, d.dueOn])).toEqual(
      workshop.deliverables.map((d) => [d.id, 'draft', '2027-04-10']),
    )
    const deliverableIds = new Set(workshop.deliverables.map((d) => d.id))
    expect(dashboard.body.documents.filter((d) => deliverableIds.has(d.id))).toEqual([])
  })
})
