import { describe, expect, it } from 'vitest'
import type { DocumentSummary, NotificationList, SubmissionCreated, VersionList, WorkflowView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS } from '../helpers/db'
import { type Client } from '../helpers/app'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, signInAll } from '../helpers/world'

/**
 * The submission cycle through the API: a city submits its plan, the secretariat returns it with
 * remarks or validates it, and the next submission is V2. Who may take each step, what a refused
 * step leaves (nothing), and who is told.
 */
describe.each(DRIVERS)('the submission cycle on %s', (driver) => {
  const t = useTestApp(driver)

  /** A network with a pilot city and a member city, their people, and the member city's action plan. */
  async function world() {
    const network = await buildNetwork(t.db)
    const pilotCity = await buildCity(t.db, network, 'pilot', 'Dakar')
    const memberCity = await buildCity(t.db, network, 'member', 'Abidjan')
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      city: await buildPerson(t.db, 'Koffi City', [{ role: 'city_team', on: memberCity }]),
      colleague: await buildPerson(t.db, 'Awa Colleague', [{ role: 'city_team', on: memberCity }]),
      cityExpert: await buildPerson(t.db, 'Inès Expert', [{ role: 'expert', on: memberCity }]),
      pilot: await buildPerson(t.db, 'Aminata Pilot', [{ role: 'city_team', on: pilotCity }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      stranger: await buildPerson(t.db, 'Nadia Stranger'),
    }
    const as = await signInAll(t.app, people)
    const plan = await buildDocument(t.db, memberCity, { kind: 'action_plan', title: 'Plan d’action — Abidjan', by: people.city })
    return { network, memberCity, people, as, plan }
  }

  const submissionsOf = async (documentId: string) =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from submissions where document_id = $1', [documentId]))[0]!.n
  const versionsOf = async (documentId: string) =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from doc_versions where document_id = $1', [documentId]))[0]!.n
  const inbox = async (client: Client) => (await client.get<NotificationList>('/api/notifications')).body.notifications
  const workflow = async (client: Client, id: string) => (await client.get<WorkflowView>(`/api/documents/${id}/workflow`)).body

  it('a city submits its plan: a named V1 is stored and sent, the stage is "submitted", the secretariat alone is told', async () => {
    const { people, as, plan } = await world()
    const res = await as.city.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, { message: 'Première version, avant expérimentation.' })
    expect(res.status).toBe(201)
    expect(res.body.submission).toMatchObject({
      number: 1,
      outcome: null,
      message: 'Première version, avant expérimentation.',
      submittedBy: { id: people.city.id },
    })
    expect(res.body.submission.version.name).toMatch(/^V1 — soumise le \d{1,2} \p{L}+ \d{4}$/u)
    expect(res.body.workflow).toMatchObject({ stage: 'submitted', compare: null })
    expect(res.body.workflow.timeline.map((e) => e.stage)).toEqual(['submitted'])

    const versions = (await as.city.get<VersionList>(`/api/documents/${plan.id}/versions`)).body.versions
    const sent = versions.find((v) => v.id === res.body.submission.version.id)!
    expect(sent).toMatchObject({ kind: 'named', submitted: true, locked: null, allowed: { rename: false, delete: false } })

    const [notice] = await inbox(as.secretariat)
    expect(notice).toMatchObject({ kind: 'submitted', document: { id: plan.id }, submissionId: res.body.submission.id, actor: { id: people.city.id } })
    expect(notice!.excerpt).toBe('Première version, avant expérimentation.')
    expect(notice!.path).toBe(`/documents/${plan.id}?panel=workflow`)
    for (const who of ['city', 'colleague', 'cityExpert', 'pilot', 'funder'] as const) expect(await inbox(as[who]), who).toEqual([])

    const summary = (await as.city.get<DocumentSummary>(`/api/documents/${plan.id}`)).body
    expect(summary).toMatchObject({ stage: 'submitted', dueOn: null })
    expect(summary.allowed).not.toContain('submit')
  })

  it('refuses, and changes nothing: submitting twice, reviewing a draft, the wrong people, a kind outside the cycle', async () => {
    const { network, as, plan } = await world()
    const draftId = (await buildDocument(t.db, plan.space, { kind: 'action_plan' })).id
    const fakeSubmission = '00000000-0000-4000-8000-000000000000'
    // Reviewing a draft: there is nothing under review.
    const early = await as.secretariat.post<ApiErrorBody>(`/api/documents/${draftId}/submissions/${fakeSubmission}/validate`, {})
    expect([early.status, early.body.error.code]).toEqual([409, 'invalid_stage'])

    expect((await as.funder.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions`, {})).status).toBe(403)
    expect((await as.cityExpert.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions`, {})).status).toBe(403)
    expect((await as.pilot.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions`, {})).status).toBe(403)
    expect((await as.stranger.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions`, {})).status).toBe(403)
    expect(await submissionsOf(plan.id)).toBe(0)

    const first = await as.city.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, {})
    expect(first.status).toBe(201)
    const versions = await versionsOf(plan.id)
    const twice = await as.colleague.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions`, {})
    expect([twice.status, twice.body.error.code]).toEqual([409, 'invalid_stage'])
    expect(twice.body.error.message).toMatch(/under review/)
    expect([await submissionsOf(plan.id), await versionsOf(plan.id)]).toEqual([1, versions])

    const id = first.body.submission.id
    for (const who of ['city', 'colleague', 'cityExpert', 'funder', 'pilot'] as const) {
      expect((await as[who].post(`/api/documents/${plan.id}/submissions/${id}/validate`, {})).status, who).toBe(403)
      expect((await as[who].post(`/api/documents/${plan.id}/submissions/${id}/return`, { message: 'non' })).status, who).toBe(403)
    }
    const noRemarks = await as.secretariat.post<ApiErrorBody>(`/api/documents/${plan.id}/submissions/${id}/return`, { message: '  ' })
    expect([noRemarks.status, noRemarks.body.error.code]).toEqual([400, 'invalid_input'])
    expect((await as.secretariat.post(`/api/documents/${plan.id}/submissions/${fakeSubmission}/validate`, {})).status).toBe(404)
    expect((await as.secretariat.post(`/api/documents/${plan.id}/submissions/not-an-id/validate`, {})).status).toBe(404)
    expect((await workflow(as.city, plan.id)).stage).toBe('submitted')

    const log = await buildDocument(t.db, network, { kind: 'experimentation_log' })
    const outside = await as.secretariat.post<ApiErrorBody>(`/api/documents/${log.id}/submissions`, {})
    expect([outside.status, outside.body.error.code]).toEqual([409, 'invalid_stage'])
    expect((await as.secretariat.get<DocumentSummary>(`/api/documents/${log.id}`)).body.stage).toBeNull()
  })

  it('returned with remarks, resubmitted, validated (V1 locked), then V2 compares with V1 in one step', async () => {
    const { people, as, plan } = await world()
    const url = (rest = '') => `/api/documents/${plan.id}/submissions${rest}`
    const first = (await as.city.post<SubmissionCreated>(url(), {})).body.submission
    const returned = await as.secretariat.post<WorkflowView>(url(`/${first.id}/return`), { message: 'Précisez les indicateurs de la partie 4.' })
    expect(returned.status).toBe(200)
    expect(returned.body.stage).toBe('returned')
    expect(returned.body.submissions[0]).toMatchObject({
      outcome: 'returned',
      remarks: 'Précisez les indicateurs de la partie 4.',
      decidedBy: { id: people.secretariat.id },
    })
    for (const who of ['city', 'colleague'] as const) {
      expect(
        (await inbox(as[who])).map((n) => [n.kind, n.excerpt]),
        who,
      ).toEqual([['returned', 'Précisez les indicateurs de la partie 4.']])
    }
    for (const who of ['cityExpert', 'pilot', 'funder'] as const) expect(await inbox(as[who]), who).toEqual([])

    const again = (await as.colleague.post<SubmissionCreated>(url(), { message: 'Indicateurs précisés.' })).body
    expect(again.submission.number).toBe(1)
    // The returned submission is over: it can no longer be validated.
    expect((await as.secretariat.post<ApiErrorBody>(url(`/${first.id}/validate`), {})).body.error.code).toBe('invalid_stage')
    const validated = await as.secretariat.post<WorkflowView>(url(`/${again.submission.id}/validate`), {})
    expect(validated.body.stage).toBe('validated')
    expect(validated.body.timeline.map((e) => e.stage)).toEqual(['submitted', 'returned', 'submitted', 'validated'])
    const v1 = (await as.city.get<VersionList>(`/api/documents/${plan.id}/versions`)).body.versions.find((v) => v.id === again.submission.version.id)!
    expect(v1.locked?.by?.id).toBe(people.secretariat.id)
    const deleted = await as.city.delete<ApiErrorBody>(`/api/documents/${plan.id}/versions/${v1.id}`)
    expect([deleted.status, deleted.body.error.code]).toEqual([409, 'version_locked'])

    const v2 = (await as.city.post<SubmissionCreated>(url(), { message: 'Après deux cycles d’expérimentation.' })).body
    expect(v2.submission.number).toBe(2)
    expect(v2.submission.version.name).toMatch(/^V2 — /)
    expect(v2.workflow.compare).toEqual({ from: v1.id, to: v2.submission.version.id })
    const compared = await as.secretariat.get(`/api/documents/${plan.id}/compare?from=${v1.id}&to=${v2.submission.version.id}`)
    expect(compared.status).toBe(200)
  })

  it('two submissions at once: one is taken, the other refused, and one version is stored', async () => {
    const { as, plan } = await world()
    const versions = await versionsOf(plan.id)
    const results = await Promise.all([
      as.city.post(`/api/documents/${plan.id}/submissions`, {}),
      as.colleague.post(`/api/documents/${plan.id}/submissions`, {}),
    ])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect([await submissionsOf(plan.id), await versionsOf(plan.id)]).toEqual([1, versions + 1])
  })

  it('a submitted version cannot be deleted on its own, but goes with its document', async () => {
    const { memberCity, as, plan } = await world()
    const sent = (await as.city.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, {})).body.submission
    await expect(t.db.query('delete from doc_versions where id = $1', [sent.version.id])).rejects.toThrow()
    await t.db.query('delete from cities where id = $1', [memberCity.id])
    expect([await submissionsOf(plan.id), await versionsOf(plan.id)]).toEqual([0, 0])
  })

  it('due dates are set by the secretariat, shown on the document, and flag it once passed', async () => {
    const { as, plan } = await world()
    const set = await as.secretariat.patch<DocumentSummary>(`/api/documents/${plan.id}`, { dueOn: '2026-03-15' })
    expect([set.status, set.body.dueOn]).toEqual([200, '2026-03-15'])
    expect((await workflow(as.city, plan.id)).overdue).toBe(true)
    expect((await as.city.patch(`/api/documents/${plan.id}`, { dueOn: '2030-01-01' })).status).toBe(403)
    // A title and a due date together need both rights.
    expect((await as.city.patch(`/api/documents/${plan.id}`, { title: 'Plan renommé', dueOn: null })).status).toBe(403)
    expect((await as.secretariat.patch<ApiErrorBody>(`/api/documents/${plan.id}`, { dueOn: '15/03/2026' })).body.error.code).toBe('invalid_input')
    expect((await as.secretariat.patch<ApiErrorBody>(`/api/documents/${plan.id}`, {})).status).toBe(400)
    expect((await as.city.get<DocumentSummary>(`/api/documents/${plan.id}`)).body).toMatchObject({ title: 'Plan d’action — Abidjan', dueOn: '2026-03-15' })

    await as.city.post(`/api/documents/${plan.id}/submissions`, {})
    // Submitted: the secretariat has it, so it is not overdue any more.
    expect((await workflow(as.city, plan.id)).overdue).toBe(false)
    const cleared = await as.secretariat.patch<DocumentSummary>(`/api/documents/${plan.id}`, { dueOn: null })
    expect(cleared.body.dueOn).toBeNull()
  })
})
