import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readProsemirror } from '../../server/content/yjs'
import { loadState } from '../../server/data/live-documents'
import type { CityOption, DocumentSummary, MeResponse, NetworkDetail } from '../../shared/api'
import { TEMPLATES } from '../../shared/templates'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, testApp } from '../helpers/app'
import { buildCity, buildDocument, buildNetwork, buildPerson, buildWorld, signIn, WORLD, type World } from '../helpers/world'

describe.each(DRIVERS)('documents and spaces on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  /** Shared by the tests that only add to it; those that count or take away build their own. */
  let world: World
  const as: Record<string, Client> = {}
  const city = (key: keyof World['cities']) => world.cities[key]
  const network = () => world.network

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
    for (const who of ['secretariat', 'pilot', 'member', 'expert', 'funder'] as const) as[who] = await signIn(app, world.people[who])
  })
  afterAll(() => db.drop())

  const titlesOf = async (client: Client) => ((await client.get('/api/documents')).body as DocumentSummary[]).map((d) => d.title).sort()
  const titles = (who: string) => titlesOf(as[who]!)

  /** The headings a document was created with, replayed from its stored update log. */
  async function storedHeadings(documentId: string): Promise<string[]> {
    const stored = await loadState(db, documentId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return (readProsemirror(doc).content ?? []).filter((n) => n.type === 'heading').map((n) => n.content?.[0]?.text ?? '')
  }

  it('each person lists exactly the documents they may read', async () => {
    // A world of its own, with a document in each city: no other test's documents in the lists.
    const own = await buildWorld(db)
    const study = await buildDocument(db, own.cities.member, { kind: 'baseline_study', title: 'Member City Study' })
    await buildDocument(db, own.cities.other, { kind: 'action_plan', title: 'Other City Plan' })
    const signedIn = async (who: keyof World['people']) => titlesOf(await signIn(app, own.people[who]))
    const all = await signedIn('secretariat')
    expect(all).toHaveLength(4)
    const networkDocs = [WORLD.documents.network]
    expect(await signedIn('pilot')).toEqual([...networkDocs, WORLD.documents.city].sort())
    expect(await signedIn('member')).toEqual([...networkDocs, study.title].sort())
    expect(await signedIn('expert')).toEqual(networkDocs)
    expect(await signedIn('funder')).toEqual(networkDocs)
  })

  it('a member city cannot open another city’s document, by list or by id', async () => {
    const pilotPlan = ((await as.pilot!.get('/api/documents')).body as DocumentSummary[]).find((d) => d.title === WORLD.documents.city)!
    const res = await as.member!.get(`/api/documents/${pilotPlan.id}`)
    expect(res.status).toBe(403)
    expect((await as.member!.get(`/api/cities/${pilotPlan.space.id}`)).status).toBe(403)
    expect((await app.client().get(`/api/documents/${pilotPlan.id}`)).status).toBe(401)
  })

  it('each document says what the caller may do with it', async () => {
    const docs = (await as.expert!.get('/api/documents')).body as DocumentSummary[]
    expect(docs[0]!.allowed).toEqual(['read', 'comment', 'suggest'])
    const funderDocs = (await as.funder!.get('/api/documents')).body as DocumentSummary[]
    expect(funderDocs[0]!.allowed).toEqual(['read', 'view_dashboard'])
  })

  it('creates a document from a template, in French by default or in English', async () => {
    const fr = await as.pilot!.post('/api/documents', { space: network(), kind: 'pilot_project' })
    expect(fr.status).toBe(201)
    expect(fr.body).toMatchObject({ title: TEMPLATES.pilot_project.title.fr, kind: 'pilot_project', template: 'pilot_project', locale: 'fr', archived: false })
    const en = await as.pilot!.post('/api/documents', { space: city('pilot'), kind: 'experimentation_log', locale: 'en', title: '  Cycle 2 log ' })
    expect(en.status).toBe(201)
    expect(en.body).toMatchObject({ title: 'Cycle 2 log', locale: 'en', space: { type: 'city', name: WORLD.cities.pilot } })
  })

  it('fills a document created in Spanish with the Spanish title and section headings', async () => {
    const res = await as.pilot!.post('/api/documents', { space: city('pilot'), kind: 'action_plan', locale: 'es' })
    expect(res.status).toBe(201)
    const doc = res.body as DocumentSummary
    expect(doc).toMatchObject({ title: 'Plan de acción', kind: 'action_plan', locale: 'es' })
    const headings = await storedHeadings(doc.id)
    expect(headings).toEqual(['Plan de acción', ...TEMPLATES.action_plan.sections.map((section) => section.es)])
    expect(headings).toContain('Declaración del problema')
    expect(headings).not.toContain(TEMPLATES.action_plan.sections[0]!.fr)
  })

  it('refuses creation where the policy says no', async () => {
    for (const [who, space] of [
      ['expert', network()],
      ['funder', network()],
      ['member', network()],
      ['member', city('pilot')],
      ['pilot', city('other')],
    ] as const) {
      const res = await as[who]!.post('/api/documents', { space, kind: 'action_plan' })
      expect(res.status, `${who} in ${space.type}`).toBe(403)
    }
    const unknown = await as.secretariat!.post('/api/documents', { space: { type: 'city', id: '00000000-0000-0000-0000-000000000000' }, kind: 'action_plan' })
    expect(unknown.status).toBe(404)
  })

  it('renames and archives with the right roles; archived documents leave the list', async () => {
    const doc = (await as.pilot!.post('/api/documents', { space: network(), kind: 'thematic_sheet' })).body as DocumentSummary
    expect((await as.expert!.patch(`/api/documents/${doc.id}`, { title: 'Hijacked' })).status).toBe(403)
    const renamed = await as.pilot!.patch(`/api/documents/${doc.id}`, { title: 'Fiche thématique v2' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.title).toBe('Fiche thématique v2')
    expect((await as.pilot!.post(`/api/documents/${doc.id}/archive`)).status).toBe(403)
    expect((await as.secretariat!.post(`/api/documents/${doc.id}/archive`)).status).toBe(204)
    expect(await titles('pilot')).not.toContain('Fiche thématique v2')
    expect((await as.pilot!.get(`/api/documents/${doc.id}`)).body.archived).toBe(true)
  })

  it('a network page shows its pilot, members with the gap since selection, people and documents', async () => {
    // A network of its own, with dates: a pilot that started 63 days after its selection, a city selected long ago and not started.
    const own = await buildNetwork(db, 'Dated Network')
    const pilotCity = await buildCity(db, own, 'pilot', 'Pilot City', { selectedOn: '2026-01-12', confirmedOn: '2026-02-02', startedOn: '2026-03-16' })
    await buildCity(db, own, 'member', 'Member City', { selectedOn: '2026-01-12', confirmedOn: '2026-02-20', startedOn: '2026-03-16' })
    await buildCity(db, own, 'member', 'Waiting City', { selectedOn: '2024-01-15' })
    await buildCity(db, own, 'member', 'Other City', { selectedOn: '2026-01-12', confirmedOn: '2026-03-05', startedOn: '2026-04-01' })
    await buildPerson(db, 'Sam Secretariat', [{ role: 'secretariat', on: own }])
    await buildPerson(db, 'Pat Pilot', [{ role: 'city_team', on: pilotCity }])
    const expert = await signIn(app, await buildPerson(db, 'Eva Expert', [{ role: 'expert', on: own }]))
    const res = await expert.get(`/api/networks/${own.id}`)
    expect(res.status).toBe(200)
    const detail = res.body as NetworkDetail
    expect(detail.memberships.map((m) => [m.city.name, m.kind])).toEqual([
      ['Pilot City', 'pilot'],
      ['Member City', 'member'],
      ['Other City', 'member'],
      ['Waiting City', 'member'],
    ])
    expect(detail.memberships[0]!.gapDays).toBe(63)
    expect(detail.memberships.find((m) => m.city.name === 'Waiting City')!.gapDays).toBeGreaterThan(300)
    expect(detail.people.map((p) => p.user.name)).toEqual(expect.arrayContaining(['Sam Secretariat', 'Pat Pilot', 'Eva Expert']))
    expect(detail.roles).toEqual(['expert'])
  })

  it('the secretariat adds a new city as a member; its space appears; a second pilot is refused', async () => {
    const added = await as.secretariat!.post(`/api/networks/${network().id}/cities`, {
      city: { name: 'New City', country: 'Togo', languages: ['fr', 'ee'] },
      kind: 'member',
      selectedOn: '2026-10-01',
    })
    expect(added.status).toBe(201)
    expect(added.body.memberships.map((m: { city: { name: string } }) => m.city.name)).toContain('New City')
    const me = (await as.secretariat!.get('/api/me')).body as MeResponse
    expect(me.cities.map((c) => c.name)).toContain('New City')

    const newCity = me.cities.find((c) => c.name === 'New City')!.id
    const pilot = await as.secretariat!.patch(`/api/networks/${network().id}/cities/${newCity}`, { kind: 'pilot' })
    expect(pilot.status).toBe(409)
    expect(pilot.body.error.message).toMatch(new RegExp(`${WORLD.cities.pilot} is already the pilot city`))
    expect((await as.pilot!.post(`/api/networks/${network().id}/cities`, { cityId: newCity, kind: 'member' })).status).toBe(403)
  })

  it('when a city leaves the network, its team loses the network space', async () => {
    // A city of its own leaves.
    const leaving = await buildCity(db, network(), 'member', 'Leaving City')
    const team = await signIn(app, await buildPerson(db, 'Lea Leaving', [{ role: 'city_team', on: leaving }]))
    expect((await team.get(`/api/networks/${network().id}`)).status).toBe(200)
    expect((await as.secretariat!.delete(`/api/networks/${network().id}/cities/${leaving.id}`)).status).toBe(204)
    expect((await team.get(`/api/networks/${network().id}`)).status).toBe(403)
    expect((await team.get(`/api/cities/${leaving.id}`)).status).toBe(200)
  })

  it('offers the cities that could join: one that left, and those of the secretariat’s other networks', async () => {
    // A world of its own, whose secretariat runs no other network yet, and one of whose cities leaves.
    const own = await buildWorld(db)
    const [secretariat, pilot, expert] = await Promise.all([own.people.secretariat, own.people.pilot, own.people.expert].map((p) => signIn(app, p)))
    const candidates = async (client: Client, id: string) => {
      const res = await client.get(`/api/networks/${id}/city-candidates`)
      return res.status === 200 ? (res.body as CityOption[]).map((c) => c.name) : res.status
    }
    expect((await secretariat!.delete(`/api/networks/${own.network.id}/cities/${own.cities.other.id}`)).status).toBe(204)
    expect(await candidates(secretariat!, own.network.id)).toEqual([WORLD.cities.other])
    const other = (await secretariat!.post('/api/networks', { name: 'Second Network' })).body as NetworkDetail
    expect(await candidates(secretariat!, other.id)).toEqual([WORLD.cities.member, WORLD.cities.other, WORLD.cities.pilot])
    expect(await candidates(pilot!, own.network.id)).toBe(403)
    expect(await candidates(expert!, own.network.id)).toBe(403)
    expect(await candidates(pilot!, other.id)).toBe(403)
  })

  it('grants and revokes a role for an existing person', async () => {
    // A funder of its own, who holds no city role before nor after.
    const funder = await signIn(app, await buildPerson(db, 'Fay Funder', [{ role: 'funder', on: network() }]))
    const funderId = ((await funder.get('/api/me')).body as MeResponse).user.id
    const granted = await as.secretariat!.post('/api/grants', { userId: funderId, role: 'expert', space: city('member'), expertKind: 'local' })
    expect(granted.status).toBe(201)
    expect(((await funder.get('/api/me')).body as MeResponse).cities.map((c) => c.name)).toEqual([WORLD.cities.member])
    expect((await as.pilot!.delete(`/api/grants/${granted.body.id}`)).status).toBe(403)
    expect((await as.secretariat!.delete(`/api/grants/${granted.body.id}`)).status).toBe(204)
    expect(((await funder.get('/api/me')).body as MeResponse).cities).toEqual([])
  })

  it('a secretariat starts another network and runs it', async () => {
    const res = await as.secretariat!.post('/api/networks', { name: 'Water Network', theme: 'Eau' })
    expect(res.status).toBe(201)
    expect(res.body.roles).toEqual(['secretariat'])
    expect((await as.pilot!.post('/api/networks', { name: 'Mine' })).status).toBe(403)
  })

  it('remembers the chosen language', async () => {
    // Someone of its own, whose language changes.
    const expert = await signIn(app, await buildPerson(db, 'Eli Expert', [{ role: 'expert', on: network() }]))
    for (const locale of ['en', 'es']) {
      const res = await expert.patch('/api/me', { locale })
      expect(res.body.user.locale).toBe(locale)
      expect(((await expert.get('/api/me')).body as MeResponse).user.locale).toBe(locale)
    }
    expect((await expert.patch('/api/me', { locale: 'pt' })).status).toBe(400)
  })
})
