import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { CityLocalisation, LocalisationStepView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { ADVICE } from '../../shared/localisation'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** A city's City WORKS tracker: its eight steps (status, lead, days, documents, note), its support activities and the toolkit's advice. */
describe.each(DRIVERS)('City WORKS localisation on %s', (driver) => {
  const t = useTestApp(driver)
  const today = () => new Date().toISOString().slice(0, 10)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const abidjan = await buildCity(t.db, network, 'member', 'Abidjan')
    const other = await buildNetwork(t.db, 'Autre réseau')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      dakar: await buildPerson(t.db, 'Aminata Dakar', [{ role: 'city_team', on: dakar }]),
      colleague: await buildPerson(t.db, 'Ousmane Dakar', [{ role: 'city_team', on: dakar }]),
      cityExpert: await buildPerson(t.db, 'Fatou Adviser', [{ role: 'expert', on: dakar }]),
      abidjan: await buildPerson(t.db, 'Kouassi Abidjan', [{ role: 'city_team', on: abidjan }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      elsewhere: await buildPerson(t.db, 'Other Secretariat', [{ role: 'secretariat', on: other }]),
      stranger: await buildPerson(t.db, 'Nobody'),
    }
    const docs = {
      baseline: await buildDocument(t.db, dakar, { kind: 'baseline_study', title: 'Étude de référence de Dakar' }),
      networkSheet: await buildDocument(t.db, network, { kind: 'thematic_sheet', title: 'Fiche thématique' }),
      abidjanPlan: await buildDocument(t.db, abidjan, { title: 'Plan d’Abidjan' }),
      elsewhere: await buildDocument(t.db, other, { kind: 'thematic_sheet', title: 'Fiche d’un autre réseau' }),
    }
    return { network, dakar, abidjan, people, docs, as: await signInAll(t.app, people) }
  }

  const step = (view: CityLocalisation, key: string): LocalisationStepView => view.phases.flatMap((p) => p.steps).find((s) => s.key === key)!

  it('lists the three phases and eight steps, not started, with the support activities; the team may track, the reader sees', async () => {
    const { dakar, as } = await world()
    const view = (await as.dakar.get<CityLocalisation>(`/api/cities/${dakar.id}/localisation`)).body
    expect(view.phases.map((p) => [p.key, p.steps.length])).toEqual([
      ['prepare', 2],
      ['connect', 4],
      ['implement', 2],
    ])
    expect(view.phases.flatMap((p) => p.steps).every((s) => s.status === 'not_started' && s.startedOn === null)).toBe(true)
    expect(view.supportActivities.map((a) => a.key)).toEqual([
      'stakeholders',
      'advocacy_communication',
      'capacity_development',
      'peer_learning',
      'knowledge_innovation',
    ])
    expect(view).toMatchObject({ advice: null, allowed: { track: true }, progress: { done: 0, inProgress: 0, total: 8 } })
    expect(view.leadCandidates.map((p) => p.name)).toEqual(['Aminata Dakar', 'Claire Secretariat', 'Fatou Adviser', 'Ousmane Dakar'])
  })

  it('a status change dates the step; given days win; going back clears them; the lead and the note are kept', async () => {
    const { dakar, people, as } = await world()
    const url = `/api/cities/${dakar.id}/localisation/steps/collect_information`
    const started = await as.dakar.patch<CityLocalisation>(url, {
      status: 'in_progress',
      leadUserId: people.colleague.id,
      note: 'Entretiens avec les services.',
    })
    expect(started.status).toBe(200)
    expect(step(started.body, 'collect_information')).toMatchObject({
      status: 'in_progress',
      startedOn: today(),
      doneOn: null,
      lead: { id: people.colleague.id, name: 'Ousmane Dakar' },
      note: 'Entretiens avec les services.',
      updatedBy: { id: people.dakar.id },
    })
    const done = await as.secretariat.patch<CityLocalisation>(url, { status: 'done' })
    expect(step(done.body, 'collect_information')).toMatchObject({ status: 'done', startedOn: today(), doneOn: today(), lead: { id: people.colleague.id } })
    expect(done.body.progress).toMatchObject({ done: 1, phases: [{ key: 'prepare', done: 1, total: 2 }, { done: 0 }, { done: 0 }] })

    const edited = await as.cityExpert.patch<CityLocalisation>(url, { startedOn: '2026-01-05', doneOn: '2026-02-20' })
    expect(step(edited.body, 'collect_information')).toMatchObject({ status: 'done', startedOn: '2026-01-05', doneOn: '2026-02-20' })
    const backwards = await as.dakar.patch<ApiErrorBody>(url, { doneOn: '2025-12-31' })
    expect([backwards.status, backwards.body.error.message]).toEqual([400, expect.stringContaining('2026-01-05')])

    const reset = await as.dakar.patch<CityLocalisation>(url, { status: 'not_started', leadUserId: null })
    expect(step(reset.body, 'collect_information')).toMatchObject({ status: 'not_started', startedOn: null, doneOn: null, lead: null })
    const skipped = await as.dakar.patch<CityLocalisation>(`/api/cities/${dakar.id}/localisation/steps/define_the_process`, { status: 'skipped' })
    expect(step(skipped.body, 'define_the_process')).toMatchObject({ status: 'skipped', startedOn: null, doneOn: null })
  })

  it('links the city’s and its network’s documents, shown as summaries; replacing the list unlinks', async () => {
    const { dakar, docs, as } = await world()
    const url = `/api/cities/${dakar.id}/localisation/steps/collect_information`
    const linked = await as.dakar.patch<CityLocalisation>(url, { documentIds: [docs.baseline.id, docs.networkSheet.id] })
    expect(
      step(linked.body, 'collect_information')
        .documents.map((d) => d.title)
        .sort(),
    ).toEqual(['Fiche thématique', 'Étude de référence de Dakar'])
    expect(linked.body.linkable.map((d) => d.id)).toEqual(expect.arrayContaining([docs.baseline.id, docs.networkSheet.id]))
    // The expert the city invited reads the city, not the network: the network's sheet stays hidden from them.
    const seenByExpert = (await as.cityExpert.get<CityLocalisation>(`/api/cities/${dakar.id}/localisation`)).body
    expect(step(seenByExpert, 'collect_information').documents.map((d) => d.id)).toEqual([docs.baseline.id])
    // What they send replaces only the links they see: the network's sheet stays linked.
    await as.cityExpert.patch(url, { documentIds: [docs.baseline.id] })
    const kept = (await as.dakar.get<CityLocalisation>(`/api/cities/${dakar.id}/localisation`)).body
    expect(step(kept, 'collect_information').documents).toHaveLength(2)
    const replaced = await as.dakar.patch<CityLocalisation>(url, { documentIds: [docs.baseline.id] })
    expect(step(replaced.body, 'collect_information').documents.map((d) => d.id)).toEqual([docs.baseline.id])
  })

  it('steps may be taken in any order: a later phase started before phase I brings the toolkit’s advice, without blocking', async () => {
    const { dakar, as } = await world()
    const later = await as.dakar.patch<CityLocalisation>(`/api/cities/${dakar.id}/localisation/steps/raise_awareness`, { status: 'in_progress' })
    expect(later.status).toBe(200)
    expect(step(later.body, 'raise_awareness').status).toBe('in_progress')
    expect(later.body.advice).toBe(ADVICE.fr)
    const prepared = await as.dakar.patch<CityLocalisation>(`/api/cities/${dakar.id}/localisation/steps/define_the_process`, { status: 'in_progress' })
    expect(prepared.body.advice).toBeNull()
  })

  it('support activities take a status and a note', async () => {
    const { dakar, as } = await world()
    const url = `/api/cities/${dakar.id}/localisation/support/peer_learning`
    const started = await as.dakar.patch<CityLocalisation>(url, { status: 'in_progress', note: 'Échanges avec Abidjan.' })
    expect(started.body.supportActivities.find((a) => a.key === 'peer_learning')).toMatchObject({ status: 'in_progress', note: 'Échanges avec Abidjan.' })
    const noted = await as.secretariat.patch<CityLocalisation>(url, { note: 'Visite croisée prévue.' })
    expect(noted.body.supportActivities.find((a) => a.key === 'peer_learning')).toMatchObject({ status: 'in_progress', note: 'Visite croisée prévue.' })
    expect((await as.dakar.patch(`/api/cities/${dakar.id}/localisation/support/lobbying`, { status: 'done' })).status).toBe(404)
  })

  it('refuses the wrong people, bad statuses, unknown steps, outside leads and documents, and a refused request changes nothing', async () => {
    const { dakar, people, docs, as } = await world()
    const url = (key = 'collect_information') => `/api/cities/${dakar.id}/localisation/steps/${key}`
    const before = (await as.dakar.get<CityLocalisation>(`/api/cities/${dakar.id}/localisation`)).body

    // Another city's team (a member city of the same network), the funder, an expert of the network
    // only, a secretariat of another network: none may read the city's tracker, nor change it.
    for (const who of ['abidjan', 'funder', 'expert', 'elsewhere', 'stranger'] as const) {
      expect((await as[who].get(`/api/cities/${dakar.id}/localisation`)).status, who).toBe(403)
      expect((await as[who].patch(url(), { status: 'done' })).status, who).toBe(403)
      expect((await as[who].patch(`/api/cities/${dakar.id}/localisation/support/stakeholders`, { status: 'done' })).status, who).toBe(403)
    }
    const anonymous = t.app.client()
    expect((await anonymous.get(`/api/cities/${dakar.id}/localisation`)).status).toBe(401)
    expect((await anonymous.patch(url(), { status: 'done' })).status).toBe(401)

    const bad = await as.dakar.patch<ApiErrorBody>(url(), { status: 'finished' })
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input'])
    const unknown = await as.dakar.patch<ApiErrorBody>(url('bribe_the_mayor'), { status: 'done' })
    expect([unknown.status, unknown.body.error.message]).toEqual([404, expect.stringContaining('collect_information')])
    expect((await as.dakar.patch(url(), {})).status).toBe(400)

    const privateDoc = await as.dakar.patch<ApiErrorBody>(url(), { status: 'done', documentIds: [docs.baseline.id, docs.abidjanPlan.id] })
    expect([privateDoc.status, privateDoc.body.error.message]).toEqual([400, expect.stringContaining('this city or of its networks')])
    expect((await as.secretariat.patch(url(), { status: 'done', documentIds: [docs.elsewhere.id] })).status).toBe(400)
    const outsider = await as.dakar.patch<ApiErrorBody>(url(), { status: 'done', leadUserId: people.abidjan.id })
    expect([outsider.status, outsider.body.error.message]).toEqual([400, expect.stringContaining('lead')])
    expect((await as.dakar.patch(url(), { status: 'done', leadUserId: people.funder.id })).status).toBe(400)

    const after = (await as.dakar.get<CityLocalisation>(`/api/cities/${dakar.id}/localisation`)).body
    expect(after.phases).toEqual(before.phases)
    expect(after.supportActivities).toEqual(before.supportActivities)
  })

  it('the network’s dashboard counts each city’s steps', async () => {
    const { network, dakar, as } = await world()
    await as.dakar.patch(`/api/cities/${dakar.id}/localisation/steps/collect_information`, { status: 'done' })
    await as.dakar.patch(`/api/cities/${dakar.id}/localisation/steps/raise_awareness`, { status: 'in_progress' })
    const dashboard = (
      await as.funder.get<{ cities: { membership: { city: { name: string } }; localisation: CityLocalisation['progress'] }[] }>(
        `/api/networks/${network.id}/dashboard`,
      )
    ).body
    const row = (name: string) => dashboard.cities.find((c) => c.membership.city.name === name)!.localisation
    expect(row('Dakar')).toMatchObject({ done: 1, inProgress: 1, total: 8 })
    expect(row('Abidjan')).toMatchObject({ done: 0, inProgress: 0 })
  })

  it('the quarterly report gives each city’s City WORKS progress phase by phase (Markdown and DOCX alike)', async () => {
    const { network, dakar, as } = await world()
    for (const key of ['collect_information', 'define_the_process']) {
      await as.dakar.patch(`/api/cities/${dakar.id}/localisation/steps/${key}`, { status: 'done' })
    }
    await as.dakar.patch(`/api/cities/${dakar.id}/localisation/steps/raise_awareness`, { status: 'in_progress' })
    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`
    const report = (format: string) =>
      t.app.app.request(`http://atelier.test/api/networks/${network.id}/report?quarter=${quarter}&format=${format}`, { headers: { cookie: as.funder.cookie } })
    const md = await (await report('md')).text()
    expect(md).toContain('City WORKS\u00a0: localisation des programmes mondiaux')
    expect(md).toContain(
      'Dakar\u00a0: 2/8 étapes terminées, 1 en cours — Phase I\u00a0: 2/2 étapes terminées · Phase II\u00a0: 0/4 étapes terminées, 1 en cours · Phase III\u00a0: 0/2 étapes terminées',
    )
    expect(md).toContain('Abidjan\u00a0: 0/8 étapes terminées')
    const xml = await (await JSZip.loadAsync(await (await report('docx')).arrayBuffer())).file('word/document.xml')!.async('string')
    expect(xml).toContain('Phase III\u00a0: 0/2 étapes terminées')
  })
})
