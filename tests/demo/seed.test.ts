import { describe, expect, it } from 'vitest'
import { DEMO_LOGINS, seedDemo } from '../../server/demo/seed'
import { ABIDJAN_PLAN, DAKAR_BASELINE, DAKAR_LOG, DAKAR_PLAN, DAKAR_VISIT_REPORT, PRACTICES, TUNIS, TUNIS_PLAN } from '../../server/demo/story'
import { nodeText } from '../../shared/practices'
import type {
  CityLocalisation,
  Comparison,
  MeResponse,
  NetworkDashboard,
  NetworkOnboarding,
  ThreadList,
  VersionList,
  WorkflowView,
  WorkshopList,
  PracticeList,
  PracticeView,
  SuggestionList,
} from '../../shared/api'
import { DRIVERS, type TestDb } from '../helpers/db'
import type { Client } from '../helpers/app'
import { useTestApp } from '../helpers/test-app'

const counts = async (db: TestDb) =>
  (
    await db.query<{ users: number; networks: number; cities: number; documents: number; grants: number }>(
      `select (select count(*)::int from users) as users, (select count(*)::int from networks) as networks,
       (select count(*)::int from cities) as cities, (select count(*)::int from documents) as documents,
       (select count(*)::int from role_grants) as grants`,
    )
  )[0]!

describe.each(DRIVERS)('the demonstration network on %s', (driver) => {
  const t = useTestApp(driver)

  const signIn = async (email: string): Promise<Client & { me: MeResponse }> => {
    const client = t.app.client()
    const me = (await client.login(email, 'demo-password-1')) as MeResponse
    return Object.assign(client, { me })
  }
  const documentId = async (title: string) => (await t.db.query<{ id: string }>('select id from documents where title = $1', [title]))[0]!.id

  it('is seeded once, however many times (and however concurrently) it is asked', async () => {
    const results = await Promise.all([seedDemo(t.app.deps, 'demo-password-1'), seedDemo(t.app.deps, 'demo-password-1')])
    expect(results.sort()).toEqual([false, true])
    const first = await counts(t.db)
    expect(first).toEqual({ users: 9, networks: 1, cities: 4, documents: 21, grants: 11 })
    expect(await seedDemo(t.app.deps, 'demo-password-1')).toBe(false)
    expect(await counts(t.db)).toEqual(first)
  })

  it('has the documented logins with the documented roles', async () => {
    const roles: Record<string, string[]> = {}
    for (const email of Object.values(DEMO_LOGINS)) roles[email] = (await signIn(email)).me.networks[0]!.roles
    expect(roles).toEqual({
      'secretariat@demo.atelier': ['secretariat'],
      'pilote@demo.atelier': ['pilot_city'],
      'experte@demo.atelier': ['expert'],
      'financeur@demo.atelier': ['funder'],
    })
  })

  it('is in French, with a pilot city, three member cities and documents from templates', async () => {
    const cities = await t.db.query<{ kind: string }>(`select kind from memberships`)
    expect(cities.filter((c) => c.kind === 'pilot')).toHaveLength(1)
    expect(cities.filter((c) => c.kind === 'member').length).toBeGreaterThanOrEqual(3)
    const docs = await t.db.query<{ title: string; locale: string }>(`select title, locale from documents`)
    expect(docs.every((d) => d.locale === 'fr')).toBe(true)
    expect(docs.map((d) => d.title)).toContain('Plan d’action — Dakar')
    const roles = await t.db.query<{ role: string }>(`select distinct role from role_grants order by role`)
    expect(roles.map((r) => r.role)).toEqual(['advisory', 'city_team', 'expert', 'funder', 'secretariat'])
  })

  it('tells the cycle at several stages (Dakar validated as V1 and under review as V2, Abidjan returned, Tunis overdue) and onboarding at several points', async () => {
    const secretariat = await signIn(DEMO_LOGINS.secretariat)
    const dakar = (await secretariat.get<WorkflowView>(`/api/documents/${await documentId(DAKAR_PLAN)}/workflow`)).body
    expect(dakar.stage).toBe('submitted')
    expect(dakar.submissions.map((s) => [s.number, s.outcome])).toEqual([
      [1, 'returned'],
      [1, 'validated'],
      [2, null],
    ])
    expect(dakar.log).toMatchObject({ id: await documentId(DAKAR_LOG), cycles: [{ startsOn: '2026-04-06' }, { startsOn: '2026-06-22' }] })
    expect(dakar.submissions[2]!.cycles).toHaveLength(2)
    expect(dakar.compare).not.toBeNull()

    // V1 ↔ V2 names both cities: Dakar's team and Abidjan's peer expert.
    const compared = (
      await secretariat.get<Comparison>(`/api/documents/${await documentId(DAKAR_PLAN)}/compare?from=${dakar.compare!.from}&to=${dakar.compare!.to}`)
    ).body
    expect(compared.authors.map((a) => a.city).sort()).toEqual(['Abidjan', 'Dakar'])

    // V2 went with suggestions still pending: the network's expert's deletion, Abidjan's addition and rewording.
    expect(dakar.submissions[2]!.pendingSuggestions.map((s) => [s.kind, s.author.name, s.author.city])).toEqual([
      ['insert', 'Koffi Kouassi', 'Abidjan'],
      ['delete', 'Sophie Martin', null],
      ['replace', 'Koffi Kouassi', 'Abidjan'],
    ])
    const pending = (await secretariat.get<SuggestionList>(`/api/documents/${await documentId(DAKAR_PLAN)}/suggestions`)).body.suggestions
    expect(pending.map((s) => s.text)).toEqual([' d’essences locales', ', en commençant par le côté du marché', 'un comité de suivi trimestriel'])

    expect((await secretariat.get<WorkflowView>(`/api/documents/${await documentId(ABIDJAN_PLAN)}/workflow`)).body.stage).toBe('returned')
    const dashboard = (await secretariat.get<NetworkDashboard>(`/api/networks/${secretariat.me.networks[0]!.id}/dashboard`)).body
    const row = (name: string) => dashboard.cities.find((c) => c.membership.city.name === name)!
    expect(row('Dakar').plan).toMatchObject({ stage: 'submitted', lastNumber: 2, validatedNumber: 1 })
    expect(row('Tunis').plan).toMatchObject({ title: TUNIS_PLAN, stage: 'draft', overdue: true })
    expect(row('Cotonou').membership.startedOn).toBeNull()
    expect([row('Dakar').onboarding, row('Cotonou').onboarding]).toEqual([
      { objectivesMet: 6, paperworkLate: false },
      { objectivesMet: 0, paperworkLate: true },
    ])

    const onboarding = (await secretariat.get<NetworkOnboarding>(`/api/networks/${secretariat.me.networks[0]!.id}/onboarding`)).body
    const city = (name: string) => onboarding.cities.find((c) => c.city.name === name)!
    expect(city('Dakar')).toMatchObject({ objectivesMet: 6, paperworkLate: false, visit: { heldOn: '2026-04-02' } })
    expect(city('Cotonou')).toMatchObject({ objectivesMet: 0, paperworkLate: true })
    expect(
      city('Cotonou')
        .items.filter((i) => i.done)
        .map((i) => i.key),
    ).toEqual(['participation_confirmed', 'contract_signed'])
    expect(onboarding.inaugural).toMatchObject({ city: { name: 'Dakar' }, heldOn: '2026-03-16' })
  })

  it('has a past workshop in Dakar with three funded experts and deliverables under way, and an upcoming one', async () => {
    const secretariat = await signIn(DEMO_LOGINS.secretariat)
    const workshops = (await secretariat.get<WorkshopList>(`/api/networks/${secretariat.me.networks[0]!.id}/workshops`)).body.workshops
    expect(workshops.map((w) => [w.title, w.host?.name, w.startsOn])).toEqual([
      ['Atelier international de Dakar', 'Dakar', '2026-05-12'],
      ['Atelier international d’Abidjan', 'Abidjan', '2027-02-16'],
    ])
    const dakar = workshops[0]!
    expect(dakar.funded).toEqual({ experts: 3, advisory: 1 })
    expect(dakar.deliverables.map((d) => d.stage)).toEqual(['draft', 'submitted', 'validated', 'draft'])
  })

  it('has the report of the secretariat’s visit to Dakar, written with the city, which the funder knows of but cannot read', async () => {
    const secretariat = await signIn(DEMO_LOGINS.secretariat)
    const networkId = secretariat.me.networks[0]!.id
    const dakarOf = (body: NetworkOnboarding) => body.cities.find((c) => c.city.name === 'Dakar')!
    const visit = dakarOf((await secretariat.get<NetworkOnboarding>(`/api/networks/${networkId}/onboarding`)).body).visit
    expect(visit).toMatchObject({ heldOn: '2026-04-02', hasReport: true, report: { title: DAKAR_VISIT_REPORT, kind: 'visit_report', space: { type: 'city' } } })
    const text = JSON.stringify(await t.app.deps.documentReader.read(visit.report!.id, { kind: 'prosemirror' }))
    expect(text).toContain('Conférence de presse à l’hôtel de ville')
    expect(text).toContain('l’appui d’un expert sur l’éclairage public')

    const funder = await signIn(DEMO_LOGINS.funder)
    const seen = (await funder.get<NetworkOnboarding>(`/api/networks/${networkId}/onboarding`)).body
    expect(dakarOf(seen).visit).toMatchObject({ hasReport: true, report: null })
    expect(JSON.stringify(seen)).not.toContain(DAKAR_VISIT_REPORT)
  })

  it('has Dakar and Abidjan partway through City WORKS: Dakar’s phase I done with its baseline study, phase II under way; Abidjan started before phase I', async () => {
    const secretariat = await signIn(DEMO_LOGINS.secretariat)
    const cityId = async (name: string) => (await t.db.query<{ id: string }>('select id from cities where name = $1', [name]))[0]!.id
    const tracker = async (name: string) => (await secretariat.get<CityLocalisation>(`/api/cities/${await cityId(name)}/localisation`)).body
    const statuses = (view: CityLocalisation) => view.phases.map((p) => p.steps.map((s) => s.status))
    const dakar = await tracker('Dakar')
    expect(statuses(dakar)).toEqual([
      ['done', 'done'],
      ['done', 'in_progress', 'not_started', 'not_started'],
      ['not_started', 'not_started'],
    ])
    expect(dakar.phases[0]!.steps[0]!.documents.map((d) => d.title)).toEqual([DAKAR_BASELINE])
    expect(dakar.phases[0]!.steps[0]).toMatchObject({ lead: { name: 'Aminata Diallo' }, startedOn: '2026-01-12', doneOn: '2026-02-27' })
    expect(dakar.advice).toBeNull()
    const abidjan = await tracker('Abidjan')
    expect(abidjan.progress).toMatchObject({ done: 0, inProgress: 2 })
    expect(abidjan.advice).toContain('commencer par la phase préparatoire')
    const dashboard = (await secretariat.get<NetworkDashboard>(`/api/networks/${secretariat.me.networks[0]!.id}/dashboard`)).body
    expect(dashboard.cities.find((c) => c.membership.city.name === 'Dakar')!.localisation).toMatchObject({ done: 3, inProgress: 1, total: 8 })
  })

  it('has real text, comments answered and a named version', async () => {
    const pilot = await signIn(DEMO_LOGINS.pilot)
    const dakarId = await documentId(DAKAR_PLAN)
    const text = (await t.db.query<{ text: string }>('select text from doc_versions where document_id = $1 order by created_at desc limit 1', [dakarId]))[0]!
      .text
    expect(text).toContain('place de l’Obélisque')
    const threads = (await pilot.get<ThreadList>(`/api/documents/${dakarId}/comments`)).body.threads
    expect(threads.map((t) => t.anchor.quote)).toContain('bancs à l’ombre')
    const sheet = await documentId('Fiche thématique — Espaces publics inclusifs')
    const answered = (await pilot.get<ThreadList>(`/api/documents/${sheet}/comments`)).body.threads
    expect(answered[0]!.comments.map((c) => c.author?.name)).toEqual(['Sophie Martin', 'Aminata Diallo'])
    expect((await pilot.get<VersionList>(`/api/documents/${sheet}/versions`)).body.versions.map((v) => v.name)).toContain(
      'Version de travail — atelier de Dakar',
    )
  })

  it('has two good practices in the observatory, Dakar’s results featured, which Tunis finds and reads as copies', async () => {
    const tunis = await signIn(TUNIS)
    const list = (await tunis.get<PracticeList>('/api/practices')).body
    expect(list.practices.map((p) => [p.title, p.featured, p.section, p.city?.name ?? null, p.publisher?.name])).toEqual([
      [PRACTICES[0].title, true, 'Résultats', 'Dakar', 'Aminata Diallo'],
      [PRACTICES[1].title, false, 'Expériences menées ou en cours', null, 'Aminata Diallo'],
    ])
    expect(list.practices[0]!.themes).toEqual([tunis.me.networks[0]!.theme])
    const featured = (await tunis.get<PracticeView>(`/api/practices/${list.practices[0]!.id}`)).body
    expect(nodeText(featured.content)).toContain('la fréquentation du soir a plus que doublé')
    // Tunis reads the practice, not Dakar's private log.
    expect(featured.source).toBeNull()
  })
})
