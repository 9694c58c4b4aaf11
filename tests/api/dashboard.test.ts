import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { NetworkDashboard, SubmissionCreated } from '../../shared/api'
import { leaveNetwork } from '../../server/data/workspace'
import { DRIVERS } from '../helpers/db'
import { type Client } from '../helpers/app'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** "Où en sont les villes ?": each city's deliverables by stage, for the secretariat and the funder only. */
describe.each(DRIVERS)('the network dashboard on %s', (driver) => {
  const t = useTestApp(driver)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const abidjan = await buildCity(t.db, network, 'member', 'Abidjan')
    const tunis = await buildCity(t.db, network, 'member', 'Tunis')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      dakar: await buildPerson(t.db, 'Aminata Dakar', [{ role: 'city_team', on: dakar }]),
      abidjan: await buildPerson(t.db, 'Koffi Abidjan', [{ role: 'city_team', on: abidjan }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      advisory: await buildPerson(t.db, 'Jean Advisory', [{ role: 'advisory', on: network }]),
      elsewhere: await buildPerson(t.db, 'Other Secretariat', [{ role: 'secretariat', on: await buildNetwork(t.db, 'Autre réseau') }]),
    }
    const as = await signInAll(t.app, people)
    return { network, dakar, abidjan, tunis, people, as }
  }

  it('shows each city’s plan by stage and version, its due and overdue items, and the network’s own deliverables', async () => {
    const { network, dakar, abidjan, tunis, people, as } = await world()
    const dakarPlan = await buildDocument(t.db, dakar, { kind: 'action_plan', title: 'Plan Dakar', by: people.dakar })
    await buildDocument(t.db, dakar, { kind: 'experimentation_log', title: 'Journal Dakar' })
    const abidjanPlan = await buildDocument(t.db, abidjan, { kind: 'action_plan', title: 'Plan Abidjan', by: people.abidjan })
    const sheet = await buildDocument(t.db, network, { kind: 'network_constitution', title: 'Fiche constitutive' })
    // Dakar: V1 validated, V2 submitted. Abidjan: draft, overdue. Tunis: nothing yet.
    const submit = async (client: Client, id: string) => (await client.post<SubmissionCreated>(`/api/documents/${id}/submissions`, {})).body.submission
    const v1 = await submit(as.dakar, dakarPlan.id)
    await as.secretariat.post(`/api/documents/${dakarPlan.id}/submissions/${v1.id}/validate`, {})
    await submit(as.dakar, dakarPlan.id)
    await as.secretariat.patch(`/api/documents/${abidjanPlan.id}`, { dueOn: '2026-01-15' })
    await as.secretariat.patch(`/api/documents/${sheet.id}`, { dueOn: '2999-12-31' })

    for (const key of ['participation_confirmed', 'contract_signed', 'first_transfer']) {
      await as.secretariat.patch(`/api/networks/${network.id}/cities/${dakar.id}/onboarding/items/${key}`, { done: true })
    }

    const res = await as.secretariat.get<NetworkDashboard>(`/api/networks/${network.id}/dashboard`)
    expect(res.status).toBe(200)
    const byCity = Object.fromEntries(res.body.cities.map((c) => [c.membership.city.name, c]))
    expect(res.body.cities.map((c) => c.membership.city.id)).toEqual([dakar.id, abidjan.id, tunis.id])
    expect(byCity.Dakar!.onboarding).toEqual({ objectivesMet: 1, paperworkLate: false })
    expect(byCity.Dakar!.plan).toMatchObject({ id: dakarPlan.id, stage: 'submitted', lastNumber: 2, validatedNumber: 1, overdue: false })
    // The experimentation log is working material, not a deliverable.
    expect(byCity.Dakar!.documents.map((d) => d.title)).toEqual(['Plan Dakar'])
    expect(byCity.Abidjan!.plan).toMatchObject({ stage: 'draft', lastNumber: null, dueOn: '2026-01-15', overdue: true })
    expect([byCity.Abidjan!.due, byCity.Abidjan!.overdue]).toEqual([0, 1])
    expect(byCity.Tunis).toMatchObject({ plan: null, documents: [], lastActivity: null, overdue: 0, onboarding: { objectivesMet: 0, paperworkLate: false } })
    expect(res.body.documents).toEqual([expect.objectContaining({ id: sheet.id, stage: 'draft', dueOn: '2999-12-31', overdue: false })])

    await leaveNetwork(t.db, network.id, tunis.id)
    const after = (await as.funder.get<NetworkDashboard>(`/api/networks/${network.id}/dashboard`)).body
    expect(after.cities.map((c) => c.membership.city.name)).toEqual(['Dakar', 'Abidjan'])
  })

  /** The current quarter, as the API names it. */
  const thisQuarter = () => {
    const now = new Date()
    return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
  }
  const wordText = async (bytes: ArrayBuffer) => {
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ')
  }

  it('the quarterly report (DOCX) parses back and names what was submitted, returned and validated in the quarter', async () => {
    const { network, dakar, abidjan, people, as } = await world()
    const dakarPlan = await buildDocument(t.db, dakar, { kind: 'action_plan', title: 'Plan d’action — Dakar', by: people.dakar })
    const abidjanPlan = await buildDocument(t.db, abidjan, { kind: 'action_plan', title: 'Plan d’action — Abidjan', by: people.abidjan })
    const v1 = (await as.dakar.post<SubmissionCreated>(`/api/documents/${dakarPlan.id}/submissions`, {})).body.submission
    await as.secretariat.post(`/api/documents/${dakarPlan.id}/submissions/${v1.id}/validate`, {})
    const a1 = (await as.abidjan.post<SubmissionCreated>(`/api/documents/${abidjanPlan.id}/submissions`, {})).body.submission
    await as.secretariat.post(`/api/documents/${abidjanPlan.id}/submissions/${a1.id}/return`, { message: 'Des indicateurs, svp.' })

    const res = await t.app.app.request(`http://atelier.test/api/networks/${network.id}/report?quarter=${thisQuarter()}&format=docx`, {
      headers: { cookie: as.funder.cookie },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Rapport-trimestriel-/)
    const words = await wordText(await res.arrayBuffer())
    expect(words).toContain('Rapport trimestriel')
    expect(words).toContain('Où en sont les villes ?')
    for (const line of [
      'Dakar — Plan d’action — Dakar\u00a0: V1 soumise (Aminata Dakar)',
      'V1 validée (Claire Secretariat)',
      'Abidjan — Plan d’action — Abidjan\u00a0: V1 renvoyée avec remarques (Claire Secretariat)',
    ]) {
      expect(words).toContain(line)
    }

    const before = await t.app.app.request(`http://atelier.test/api/networks/${network.id}/report?quarter=2020-Q1&format=docx`, {
      headers: { cookie: as.secretariat.cookie },
    })
    expect(await wordText(await before.arrayBuffer())).toContain('Rien n’a été soumis, renvoyé ni validé ce trimestre.')

    const pdf = await t.app.app.request(`http://atelier.test/api/networks/${network.id}/report?quarter=${thisQuarter()}&format=pdf`, {
      headers: { cookie: as.secretariat.cookie },
    })
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-')

    expect((await as.dakar.get(`/api/networks/${network.id}/report?quarter=${thisQuarter()}&format=docx`)).status).toBe(403)
    const bad = await as.secretariat.get(`/api/networks/${network.id}/report?quarter=2026-Q5&format=docx`)
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_input'])
  })

  it('is the secretariat’s and the funder’s: cities, experts, the advisory group, others and strangers are refused', async () => {
    const { network, as } = await world()
    expect((await as.funder.get(`/api/networks/${network.id}/dashboard`)).status).toBe(200)
    for (const who of ['dakar', 'abidjan', 'expert', 'advisory', 'elsewhere'] as const) {
      expect((await as[who].get(`/api/networks/${network.id}/dashboard`)).status, who).toBe(403)
    }
    expect((await t.app.client().get(`/api/networks/${network.id}/dashboard`)).status).toBe(401)
  })
})
