import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readProsemirror } from '../../server/content/yjs'
import { loadState } from '../../server/data/live-documents'
import { seedDemo } from '../../server/demo/seed'
import type { CityOption, DocumentSummary, MeResponse, NetworkDetail } from '../../shared/api'
import { TEMPLATES } from '../../shared/templates'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { Client, DEMO_PASSWORD, testApp } from '../helpers/app'

describe.each(DRIVERS)('documents and spaces on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  const as: Record<string, Client> = {}
  let secretariatMe: MeResponse
  const city = (name: string) => ({ type: 'city' as const, id: secretariatMe.cities.find((c) => c.name === name)!.id })
  const network = () => ({ type: 'network' as const, id: secretariatMe.networks[0]!.id })

  beforeAll(async () => {
    db = await openTestDb(driver)
    await seedDemo(db, DEMO_PASSWORD)
    app = testApp(db)
    for (const [who, email] of Object.entries({
      secretariat: 'secretariat@demo.atelier',
      pilot: 'pilote@demo.atelier',
      abidjan: 'abidjan@demo.atelier',
      expert: 'experte@demo.atelier',
      funder: 'financeur@demo.atelier',
    })) {
      as[who] = app.client()
      const me = await as[who]!.login(email)
      if (who === 'secretariat') secretariatMe = me
    }
  })
  afterAll(() => db.drop())

  const titles = async (who: string) => ((await as[who]!.get('/api/documents')).body as DocumentSummary[]).map((d) => d.title).sort()

  /** The headings a document was created with, replayed from its stored update log. */
  async function storedHeadings(documentId: string): Promise<string[]> {
    const stored = await loadState(db, documentId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return (readProsemirror(doc).content ?? []).filter((n) => n.type === 'heading').map((n) => n.content?.[0]?.text ?? '')
  }

  it('each person lists exactly the documents they may read', async () => {
    const all = await titles('secretariat')
    expect(all).toHaveLength(8)
    const networkDocs = all.filter((t) => !/Dakar$|Abidjan$|Tunis$/.test(t) || t.includes('Atelier international'))
    expect(await titles('pilot')).toEqual([...networkDocs, 'Journal d’expérimentation — Dakar', 'Plan d’action — Dakar'].sort())
    expect(await titles('abidjan')).toEqual([...networkDocs, 'Étude de contexte — Abidjan'].sort())
    expect(await titles('expert')).toEqual(networkDocs)
    expect(await titles('funder')).toEqual(networkDocs)
  })

  it('a member city cannot open another city’s document, by list or by id', async () => {
    const dakarPlan = ((await as.pilot!.get('/api/documents')).body as DocumentSummary[]).find((d) => d.title === 'Plan d’action — Dakar')!
    const res = await as.abidjan!.get(`/api/documents/${dakarPlan.id}`)
    expect(res.status).toBe(403)
    expect((await as.abidjan!.get(`/api/cities/${dakarPlan.space.id}`)).status).toBe(403)
    expect((await app.client().get(`/api/documents/${dakarPlan.id}`)).status).toBe(401)
  })

  it('each document says what the caller may do with it', async () => {
    const docs = (await as.expert!.get('/api/documents')).body as DocumentSummary[]
    expect(docs[0]!.allowed).toEqual(['read', 'comment'])
    const funderDocs = (await as.funder!.get('/api/documents')).body as DocumentSummary[]
    expect(funderDocs[0]!.allowed).toEqual(['read', 'view_dashboard'])
  })

  it('creates a document from a template, in French by default or in English', async () => {
    const fr = await as.pilot!.post('/api/documents', { space: network(), kind: 'pilot_project' })
    expect(fr.status).toBe(201)
    expect(fr.body).toMatchObject({ title: TEMPLATES.pilot_project.title.fr, kind: 'pilot_project', template: 'pilot_project', locale: 'fr', archived: false })
    const en = await as.pilot!.post('/api/documents', { space: city('Dakar'), kind: 'experimentation_log', locale: 'en', title: '  Cycle 2 log ' })
    expect(en.status).toBe(201)
    expect(en.body).toMatchObject({ title: 'Cycle 2 log', locale: 'en', space: { type: 'city', name: 'Dakar' } })
  })

  it('fills a document created in Spanish with the Spanish title and section headings', async () => {
    const res = await as.pilot!.post('/api/documents', { space: city('Dakar'), kind: 'action_plan', locale: 'es' })
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
      ['abidjan', network()],
      ['abidjan', city('Dakar')],
      ['pilot', city('Tunis')],
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
    const res = await as.expert!.get(`/api/networks/${network().id}`)
    expect(res.status).toBe(200)
    const detail = res.body as NetworkDetail
    expect(detail.memberships.map((m) => [m.city.name, m.kind])).toEqual([
      ['Dakar', 'pilot'],
      ['Abidjan', 'member'],
      ['Cotonou', 'member'],
      ['Tunis', 'member'],
    ])
    expect(detail.memberships[0]!.gapDays).toBe(63)
    expect(detail.memberships.find((m) => m.city.name === 'Cotonou')!.gapDays).toBeGreaterThan(300)
    expect(detail.people.map((p) => p.user.name)).toEqual(expect.arrayContaining(['Claire Dubois', 'Aminata Diallo', 'Sophie Martin']))
    expect(detail.roles).toEqual(['expert'])
  })

  it('the secretariat adds a new city as a member; its space appears; a second pilot is refused', async () => {
    const added = await as.secretariat!.post(`/api/networks/${network().id}/cities`, {
      city: { name: 'Lomé', country: 'Togo', languages: ['fr', 'ee'] },
      kind: 'member',
      selectedOn: '2026-10-01',
    })
    expect(added.status).toBe(201)
    expect(added.body.memberships.map((m: { city: { name: string } }) => m.city.name)).toContain('Lomé')
    const me = (await as.secretariat!.get('/api/me')).body as MeResponse
    expect(me.cities.map((c) => c.name)).toContain('Lomé')

    const lome = me.cities.find((c) => c.name === 'Lomé')!.id
    const pilot = await as.secretariat!.patch(`/api/networks/${network().id}/cities/${lome}`, { kind: 'pilot' })
    expect(pilot.status).toBe(409)
    expect(pilot.body.error.message).toMatch(/Dakar is already the pilot city/)
    expect((await as.pilot!.post(`/api/networks/${network().id}/cities`, { cityId: lome, kind: 'member' })).status).toBe(403)
  })

  it('when a city leaves the network, its team loses the network space', async () => {
    const tunisTeam = app.client()
    await tunisTeam.login('tunis@demo.atelier')
    expect((await tunisTeam.get(`/api/networks/${network().id}`)).status).toBe(200)
    expect((await as.secretariat!.delete(`/api/networks/${network().id}/cities/${city('Tunis').id}`)).status).toBe(204)
    expect((await tunisTeam.get(`/api/networks/${network().id}`)).status).toBe(403)
    expect((await tunisTeam.get(`/api/cities/${city('Tunis').id}`)).status).toBe(200)
  })

  it('offers the cities that could join: one that left, and those of the secretariat’s other networks', async () => {
    const candidates = async (who: string, id: string) => {
      const res = await as[who]!.get(`/api/networks/${id}/city-candidates`)
      return res.status === 200 ? (res.body as CityOption[]).map((c) => c.name) : res.status
    }
    expect(await candidates('secretariat', network().id)).toEqual(['Tunis'])
    const other = (await as.secretariat!.post('/api/networks', { name: 'Réseau Mobilité douce' })).body as NetworkDetail
    expect(await candidates('secretariat', other.id)).toEqual(['Abidjan', 'Cotonou', 'Dakar', 'Lomé', 'Tunis'])
    expect(await candidates('pilot', network().id)).toBe(403)
    expect(await candidates('expert', network().id)).toBe(403)
    expect(await candidates('pilot', other.id)).toBe(403)
  })

  it('grants and revokes a role for an existing person', async () => {
    const funderId = ((await as.funder!.get('/api/me')).body as MeResponse).user.id
    const granted = await as.secretariat!.post('/api/grants', { userId: funderId, role: 'expert', space: city('Abidjan'), expertKind: 'local' })
    expect(granted.status).toBe(201)
    expect(((await as.funder!.get('/api/me')).body as MeResponse).cities.map((c) => c.name)).toEqual(['Abidjan'])
    expect((await as.pilot!.delete(`/api/grants/${granted.body.id}`)).status).toBe(403)
    expect((await as.secretariat!.delete(`/api/grants/${granted.body.id}`)).status).toBe(204)
    expect(((await as.funder!.get('/api/me')).body as MeResponse).cities).toEqual([])
  })

  it('a secretariat starts another network and runs it', async () => {
    const res = await as.secretariat!.post('/api/networks', { name: 'Réseau Eau et assainissement', theme: 'Eau' })
    expect(res.status).toBe(201)
    expect(res.body.roles).toEqual(['secretariat'])
    expect((await as.pilot!.post('/api/networks', { name: 'Mine' })).status).toBe(403)
  })

  it('remembers the chosen language', async () => {
    for (const locale of ['en', 'es']) {
      const res = await as.expert!.patch('/api/me', { locale })
      expect(res.body.user.locale).toBe(locale)
      expect(((await as.expert!.get('/api/me')).body as MeResponse).user.locale).toBe(locale)
    }
    expect((await as.expert!.patch('/api/me', { locale: 'pt' })).status).toBe(400)
  })
})
