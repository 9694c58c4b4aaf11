import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { CycleView, DocumentSummary, SubmissionCreated, WorkflowView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS } from '../helpers/db'
import { ORIGIN } from '../helpers/app'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/** An experimentation log follows a city's action plan with dated cycles; V2 names the cycles it builds on. */
describe.each(DRIVERS)('experimentation logs and cycles on %s', (driver) => {
  const t = useTestApp(driver)

  async function world() {
    const network = await buildNetwork(t.db)
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const tunis = await buildCity(t.db, network, 'member', 'Tunis')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      dakar: await buildPerson(t.db, 'Aminata Dakar', [{ role: 'city_team', on: dakar }]),
      tunis: await buildPerson(t.db, 'Leïla Tunis', [{ role: 'city_team', on: tunis }]),
      expert: await buildPerson(t.db, 'Sophie Expert', [{ role: 'expert', on: network }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
    }
    const as = await signInAll(t.app, people)
    const plan = await buildDocument(t.db, dakar, { kind: 'action_plan', title: 'Plan d’action — Dakar', by: people.dakar })
    const tunisPlan = await buildDocument(t.db, tunis, { kind: 'action_plan', by: people.tunis })
    return { network, dakar, tunis, people, as, plan, tunisPlan }
  }

  const cycle = (startsOn: string, endsOn: string | null, lessons = '') => ({
    startsOn,
    endsOn,
    hypotheses: 'Des bancs à l’ombre attirent les aînées.',
    results: '',
    lessons,
  })

  it('a log is created for a plan of its own space only, and holds dated cycles its writers keep', async () => {
    const { dakar, as, plan, tunisPlan } = await world()
    const created = await as.dakar.post<DocumentSummary>('/api/documents', {
      space: dakar,
      kind: 'experimentation_log',
      title: 'Journal — Dakar',
      planId: plan.id,
    })
    expect([created.status, created.body.planId]).toEqual([201, plan.id])
    const log = created.body

    const elsewhere = await as.dakar.post<ApiErrorBody>('/api/documents', { space: dakar, kind: 'experimentation_log', planId: tunisPlan.id })
    expect([elsewhere.status, elsewhere.body.error.fields?.[0]?.path]).toEqual([400, 'planId'])
    const notALog = await as.dakar.post<ApiErrorBody>('/api/documents', { space: dakar, kind: 'baseline_study', planId: plan.id })
    expect(notALog.status).toBe(400)

    const first = await as.dakar.post<CycleView>(`/api/documents/${log.id}/cycles`, cycle('2026-03-01', '2026-04-30', 'Les aînées viennent le matin.'))
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-04-30', lessons: 'Les aînées viennent le matin.' })
    const backwards = await as.dakar.post<ApiErrorBody>(`/api/documents/${log.id}/cycles`, cycle('2026-05-01', '2026-04-01'))
    expect([backwards.status, backwards.body.error.fields?.[0]?.path]).toEqual([400, 'endsOn'])
    const changed = await as.dakar.put<CycleView>(`/api/documents/${log.id}/cycles/${first.body.id}`, {
      ...cycle('2026-03-01', '2026-05-15'),
      results: 'Fréquentation doublée.',
    })
    expect(changed.body).toMatchObject({ endsOn: '2026-05-15', results: 'Fréquentation doublée.' })

    // Readers of the city's space only; writers only change them; a plan has no cycles.
    expect((await as.secretariat.get(`/api/documents/${log.id}/cycles`)).status).toBe(200)
    for (const who of ['tunis', 'expert', 'funder'] as const) {
      expect((await as[who].get(`/api/documents/${log.id}/cycles`)).status, who).toBe(403)
      expect((await as[who].post(`/api/documents/${log.id}/cycles`, cycle('2026-06-01', null))).status, who).toBe(403)
    }
    const onPlan = await as.dakar.post<ApiErrorBody>(`/api/documents/${plan.id}/cycles`, cycle('2026-06-01', null))
    expect([onPlan.status, onPlan.body.error.code]).toEqual([409, 'conflict'])
    expect((await as.dakar.delete(`/api/documents/${log.id}/cycles/${first.body.id}`)).status).toBe(204)
    expect((await as.dakar.get<{ cycles: CycleView[] }>(`/api/documents/${log.id}/cycles`)).body.cycles).toEqual([])
  })

  it('the plan shows its log and cycles, and its V2 lists the cycles run since V1 was validated', async () => {
    const { network, dakar, as, plan } = await world()
    const log = (await as.dakar.post<DocumentSummary>('/api/documents', { space: dakar, kind: 'experimentation_log', planId: plan.id })).body
    const early = (await as.dakar.post<CycleView>(`/api/documents/${log.id}/cycles`, cycle('2020-01-01', '2020-02-01'))).body
    const v1 = (await as.dakar.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, {})).body.submission
    expect(v1.cycles.map((c) => c.id)).toEqual([early.id])
    await as.secretariat.post(`/api/documents/${plan.id}/submissions/${v1.id}/validate`, {})
    const today = new Date().toISOString().slice(0, 10)
    const since = (await as.dakar.post<CycleView>(`/api/documents/${log.id}/cycles`, cycle(today, today, 'Mieux vaut l’ombre des arbres.'))).body

    const v2 = (await as.dakar.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, {})).body
    expect(v2.submission.cycles.map((c) => c.id)).toEqual([since.id])
    const workflow = (await as.secretariat.get<WorkflowView>(`/api/documents/${plan.id}/workflow`)).body
    expect(workflow.log).toMatchObject({ id: log.id, cycles: [{ id: early.id }, { id: since.id }] })

    const now = new Date()
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
    const res = await t.app.app.request(`${ORIGIN}/api/networks/${network.id}/report?quarter=${quarter}&format=docx`, {
      headers: { cookie: as.secretariat.cookie },
    })
    const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file('word/document.xml')!.async('string')
    const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ')
    expect(words).toContain('Cycles d’expérimentation achevés')
    expect(words).toContain('Mieux vaut l’ombre des arbres.')
    expect(words).not.toContain('2020')
  })
})
