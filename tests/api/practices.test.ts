import { describe, expect, it } from 'vitest'
import type { DocumentSummary, PracticeComment, PracticeList, PracticeSource, PracticeView, SearchResponse, WorkshopView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import type { PmNode } from '../../shared/content'
import { nodeText } from '../../shared/practices'
import { editStored } from '../helpers/comments'
import { insertContent } from '../helpers/content'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, signInAll, type BuiltDocument } from '../helpers/world'

const heading = (level: number, text: string): PmNode => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })
const paragraph = (text: string): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/** The good-practices observatory: published copies of documents, shared across networks. */
describe.each(DRIVERS)('the practices observatory on %s', (driver) => {
  const t = useTestApp(driver)

  async function world() {
    const network = await buildNetwork(t.db, 'Réseau Espaces publics')
    const dakar = await buildCity(t.db, network, 'pilot', 'Dakar')
    const abidjan = await buildCity(t.db, network, 'member', 'Abidjan')
    const other = await buildNetwork(t.db, 'Réseau Mobilité')
    const lyon = await buildCity(t.db, other, 'pilot', 'Lyon')
    await t.db.query(`update networks set theme = 'Espaces publics' where id = $1`, [network.id])
    await t.db.query(`update networks set theme = 'Mobilité' where id = $1`, [other.id])
    await t.db.query(`update cities set country = 'Sénégal' where id = $1`, [dakar.id])
    await t.db.query(`update cities set country = 'France' where id = $1`, [lyon.id])
    const people = {
      secretariat: await buildPerson(t.db, 'Claire Secretariat', [{ role: 'secretariat', on: network }]),
      pilot: await buildPerson(t.db, 'Aminata Pilot', [{ role: 'city_team', on: dakar }]),
      member: await buildPerson(t.db, 'Koffi Member', [{ role: 'city_team', on: abidjan }]),
      funder: await buildPerson(t.db, 'Marc Funder', [{ role: 'funder', on: network }]),
      lyon: await buildPerson(t.db, 'Louise Lyon', [{ role: 'city_team', on: lyon }]),
      otherSecretariat: await buildPerson(t.db, 'Olivier Secretariat', [{ role: 'secretariat', on: other }]),
      guest: await buildPerson(t.db, 'Grace Guest'),
    }
    const plan = await buildDocument(t.db, dakar, { title: 'Plan d’action de Dakar', by: people.pilot })
    await editStored(t.db, plan.id, (doc) =>
      insertContent(doc, {
        type: 'doc',
        content: [
          heading(2, 'Jardins partagés'),
          paragraph('Des jardins ouverts par les habitants sur les délaissés urbains.'),
          heading(3, 'Détail'),
          paragraph('Trois quartiers pilotes.'),
          heading(2, 'Budget'),
          paragraph('Quarante mille euros.'),
        ],
      }),
    )
    const sheet = await buildDocument(t.db, network, { kind: 'thematic_sheet', title: 'Fiche thématique du réseau', by: people.secretariat })
    return { network, dakar, abidjan, other, lyon, plan, sheet, people, as: await signInAll(t.app, people) }
  }
  type World = Awaited<ReturnType<typeof world>>

  const PRACTICE = { title: 'Des jardins partagés sur les délaissés', summary: 'Les habitants cultivent les terrains vacants.', themes: ['Espaces publics'] }
  const textOf = (p: PracticeView) => nodeText(p.content)

  async function publish(w: World, as: keyof World['as'], body: Record<string, unknown> = {}, doc: BuiltDocument = w.plan) {
    return w.as[as].post<PracticeView>('/api/practices', { documentId: doc.id, ...PRACTICE, ...body })
  }

  it('a city’s writer publishes its document as a copy, with its city, network and region', async () => {
    const w = await world()
    const res = await publish(w, 'pilot', { axis: 'intelligence' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      title: PRACTICE.title,
      themes: ['Espaces publics'],
      axis: 'intelligence',
      network: { id: w.network.id, name: 'Réseau Espaces publics', theme: 'Espaces publics' },
      city: { id: w.dakar.id, name: 'Dakar', country: 'Sénégal' },
      section: null,
      publisher: { id: w.people.pilot.id, name: 'Aminata Pilot' },
      featured: false,
      source: { id: w.plan.id, title: 'Plan d’action de Dakar' },
      allowed: { edit: true, republish: true, moderate: false, comment: true },
    })
    expect(textOf(res.body)).toContain('Des jardins ouverts par les habitants')
    expect(textOf(res.body)).toContain('Quarante mille euros.')
  })

  it('a section is its heading and what follows, until the next heading of the same level', async () => {
    const w = await world()
    const source = await w.as.pilot.get<PracticeSource>(`/api/practices/source?documentId=${w.plan.id}`)
    expect(source.status).toBe(200)
    expect(source.body.sections.slice(0, 3)).toEqual(['Jardins partagés', 'Détail', 'Budget'])
    expect(source.body.networks).toEqual([{ id: w.network.id, name: 'Réseau Espaces publics', theme: 'Espaces publics' }])
    const res = await publish(w, 'pilot', { section: 'Jardins partagés' })
    expect(res.status).toBe(201)
    expect(res.body.section).toBe('Jardins partagés')
    expect(textOf(res.body)).toBe('Jardins partagés\nDes jardins ouverts par les habitants sur les délaissés urbains.\nDétail\nTrois quartiers pilotes.')
    const missing = await publish(w, 'pilot', { section: 'Nulle part' })
    expect(missing.status).toBe(400)
    expect((missing.body as unknown as ApiErrorBody).error.message).toContain('Nulle part')
  })

  it('the copy does not follow the source’s edits until it is republished', async () => {
    const w = await world()
    const published = (await publish(w, 'pilot')).body
    await editStored(t.db, w.plan.id, (doc) => insertContent(doc, { type: 'doc', content: [paragraph('Ajouté après la publication.')] }))
    const before = await w.as.lyon.get<PracticeView>(`/api/practices/${published.id}`)
    expect(before.status).toBe(200)
    expect(textOf(before.body)).not.toContain('Ajouté après la publication.')
    expect(before.body.republishedAt).toBeNull()
    const republished = await w.as.pilot.post<PracticeView>(`/api/practices/${published.id}/republish`)
    expect(republished.status).toBe(200)
    expect(textOf(republished.body)).toContain('Ajouté après la publication.')
    expect(republished.body.republishedAt).not.toBeNull()
    expect(textOf((await w.as.lyon.get<PracticeView>(`/api/practices/${published.id}`)).body)).toContain('Ajouté après la publication.')
  })

  it('another network’s city finds it, by words, theme, axis, city, network and region; not its source', async () => {
    const w = await world()
    const garden = (await publish(w, 'pilot', { axis: 'cooperation' })).body
    const sheet = (await publish(w, 'secretariat', { title: 'Une fiche sur la marche', summary: 'Rues apaisées.', themes: ['Mobilité douce'] }, w.sheet)).body
    expect(sheet.city).toBeNull()
    // The library is shared by every test's networks: look at this world's practices.
    const mine = new Set([garden.id, sheet.id])
    const ids = async (query: string) => {
      const res = await w.as.lyon.get<PracticeList>(`/api/practices${query}`)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.practices.map((p) => p.id).filter((id) => mine.has(id))
    }
    expect((await ids('')).sort()).toEqual([garden.id, sheet.id].sort())
    expect(await ids('?q=DÉLAISSÉS')).toEqual([garden.id])
    expect(await ids('?q=quartiers%20pilotes')).toEqual([garden.id])
    expect(await ids('?q=50%25')).toEqual([])
    expect(await ids('?theme=mobilit%C3%A9%20douce')).toEqual([sheet.id])
    expect(await ids('?axis=cooperation')).toEqual([garden.id])
    expect(await ids('?axis=governance')).toEqual([])
    expect(await ids(`?city=${w.dakar.id}`)).toEqual([garden.id])
    expect(await ids(`?network=${w.other.id}`)).toEqual([])
    expect(await ids('?region=s%C3%A9n%C3%A9gal')).toEqual([garden.id])
    const { facets } = (await w.as.lyon.get<PracticeList>('/api/practices')).body
    expect(facets.themes).toEqual(expect.arrayContaining(['Espaces publics', 'Mobilité douce']))
    expect(facets.axes).toContain('cooperation')
    expect(facets.regions).toContain('Sénégal')
    expect(facets.cities).toContainEqual({ id: w.dakar.id, name: 'Dakar' })
    expect(facets.cities.map((c) => c.id)).not.toContain(w.lyon.id)
    // Lyon reads the copy, not Dakar's private plan.
    const seen = (await w.as.lyon.get<PracticeView>(`/api/practices/${garden.id}`)).body
    expect(seen.source).toBeNull()
    expect(seen.allowed).toEqual({ edit: false, republish: false, moderate: false, comment: true })
    expect((await w.as.lyon.get(`/api/documents/${w.plan.id}`)).status).toBe(403)
    expect((await w.as.lyon.get('/api/practices?axis=nope')).status).toBe(400)
  })

  it('the list search is stemmed and accent-insensitive, in the language of the practice’s source', async () => {
    const w = await world()
    const fr = (await publish(w, 'pilot', { title: 'Expérimentations de rues scolaires', summary: 'Des rues fermées aux voitures.' })).body
    const enSource = await buildDocument(t.db, w.network, { kind: 'thematic_sheet', title: 'Walkable streets', locale: 'en', by: w.people.secretariat })
    const en = (await publish(w, 'secretariat', { title: 'Walking buses', summary: 'Children walking to schools together.' }, enSource)).body
    const mine = new Set([fr.id, en.id])
    const ids = async (q: string) => {
      const res = await w.as.lyon.get<PracticeList>(`/api/practices?${new URLSearchParams({ q })}`)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.practices.map((p) => p.id).filter((id) => mine.has(id))
    }
    for (const q of ['experimentation', 'EXPÉRIMENTÉ', 'rue scolaire', 'voiture']) expect(await ids(q), q).toEqual([fr.id])
    // The English practice is stemmed in English (walked → walk, school → schools); a theme is searched too.
    for (const q of ['walked school', 'walk', 'espaces publics']) expect(await ids(q), q).toContain(en.id)
    expect(await ids('walked school')).toEqual([en.id])
    expect(await ids('"rues fermées" -voitures')).toEqual([])
    expect(await ids('velo')).toEqual([])
  })

  it('search finds published practices for whoever browses the library, not those taken out, not a guest', async () => {
    const w = await world()
    const garden = (await publish(w, 'pilot')).body
    const found = async (who: keyof typeof w.as) => {
      const res = await w.as[who].get<SearchResponse>('/api/search?q=d%C3%A9laiss%C3%A9')
      expect(res.status, who).toBe(200)
      return res.body.results.filter((r) => r.id === garden.id)
    }
    expect(await found('lyon')).toEqual([expect.objectContaining({ type: 'practice', title: garden.title, url: `/practices/${garden.id}` })])
    expect(await found('funder')).toHaveLength(1)
    expect(await found('guest')).toEqual([])
    await w.as.secretariat.patch(`/api/practices/${garden.id}/status`, { published: false })
    expect(await found('lyon')).toEqual([])
  })

  it('everyone of any network comments; the thread keeps who said what', async () => {
    const w = await world()
    const garden = (await publish(w, 'pilot')).body
    const res = await w.as.lyon.post<PracticeComment>(`/api/practices/${garden.id}/comments`, { body: 'Nous voulons essayer à Lyon.' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ author: { id: w.people.lyon.id, name: 'Louise Lyon' }, body: 'Nous voulons essayer à Lyon.' })
    expect((await w.as.funder.post(`/api/practices/${garden.id}/comments`, { body: 'Bravo.' })).status).toBe(201)
    expect((await w.as.lyon.post(`/api/practices/${garden.id}/comments`, { body: '  ' })).status).toBe(400)
    const thread = (await w.as.pilot.get<PracticeView>(`/api/practices/${garden.id}`)).body.comments
    expect(thread.map((c) => [c.author?.name, c.body])).toEqual([
      ['Louise Lyon', 'Nous voulons essayer à Lyon.'],
      ['Marc Funder', 'Bravo.'],
    ])
  })

  it('its publisher and its network’s secretariat edit and delete it; nobody else', async () => {
    const w = await world()
    const garden = (await publish(w, 'pilot')).body
    const url = `/api/practices/${garden.id}`
    for (const who of ['member', 'lyon', 'funder', 'otherSecretariat'] as const) {
      expect((await w.as[who].patch(url, { title: 'Pris' })).status, who).toBe(403)
      expect((await w.as[who].delete(url)).status, who).toBe(403)
      expect((await w.as[who].post(`${url}/republish`)).status, who).toBe(403)
    }
    const edited = await w.as.pilot.patch<PracticeView>(url, { summary: 'Résumé revu.', axis: 'governance' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ title: PRACTICE.title, summary: 'Résumé revu.', axis: 'governance' })
    expect((await w.as.secretariat.patch<PracticeView>(url, { themes: ['Jardins', 'Espaces publics'] })).body.themes).toEqual(['Jardins', 'Espaces publics'])
    expect((await w.as.secretariat.delete(url)).status).toBe(204)
    expect((await w.as.pilot.get(url)).status).toBe(404)
  })

  it('only the secretariat of its network features it or takes it out of the library', async () => {
    const w = await world()
    const garden = (await publish(w, 'pilot')).body
    const other = (await publish(w, 'pilot', { title: 'Deuxième' })).body
    const status = `/api/practices/${garden.id}/status`
    const listed = async () => (await w.as.lyon.get<PracticeList>(`/api/practices?network=${w.network.id}`)).body.practices.map((p) => p.id)
    for (const who of ['pilot', 'member', 'lyon', 'funder', 'otherSecretariat'] as const) {
      expect((await w.as[who].patch(status, { featured: true })).status, who).toBe(403)
    }
    const featured = await w.as.secretariat.patch<PracticeView>(`/api/practices/${other.id}/status`, { featured: true })
    expect(featured.body.featured).toBe(true)
    expect(await listed()).toEqual([other.id, garden.id])
    expect((await w.as.secretariat.patch(status, {})).status).toBe(400)
    expect((await w.as.secretariat.patch<PracticeView>(status, { published: false })).body.unpublished).toBe(true)
    expect(await listed()).toEqual([other.id])
    expect((await w.as.lyon.get(`/api/practices/${garden.id}`)).status).toBe(404)
    expect((await w.as.lyon.post(`/api/practices/${garden.id}/comments`, { body: 'Encore là ?' })).status).toBe(404)
    // Its publisher still sees it, taken out.
    expect((await w.as.pilot.get<PracticeView>(`/api/practices/${garden.id}`)).body.unpublished).toBe(true)
    expect((await w.as.secretariat.patch<PracticeView>(status, { published: true })).body.unpublished).toBe(false)
  })

  it('publishing takes writing the source: a funder, a reader, another city and a guest cannot', async () => {
    const w = await world()
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from practices where network_id = $1', [w.network.id]))[0]!.n
    // The funder reads the network's sheet, the member city comments on it: neither writes it.
    expect((await publish(w, 'funder', {}, w.sheet)).status).toBe(403)
    expect((await publish(w, 'member', {}, w.sheet)).status).toBe(403)
    expect((await w.as.member.get(`/api/practices/source?documentId=${w.sheet.id}`)).status).toBe(403)
    // Another network's city does not even learn the plan exists.
    expect((await publish(w, 'lyon')).status).toBe(404)
    expect((await publish(w, 'otherSecretariat')).status).toBe(404)
    // A city in this network names only its own networks.
    expect((await publish(w, 'pilot', { networkId: w.other.id })).status).toBe(400)
    // A guest taking part in a workshop writes its deliverables, but holds no role: the library is not theirs.
    const workshop = await w.as.secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, {
      title: 'Atelier de Dakar',
      startsOn: '2027-03-09',
      endsOn: '2027-03-10',
    })
    expect(
      (
        await w.as.secretariat.post(`/api/workshops/${workshop.body.id}/participants`, {
          kind: 'international_expert',
          funded: false,
          userId: w.people.guest.id,
        })
      ).status,
    ).toBe(201)
    const deliverable = workshop.body.deliverables[0]!
    expect((await w.as.guest.get<DocumentSummary>(`/api/documents/${deliverable.id}`)).body.allowed).toContain('write')
    // A member city taking part co-writes the deliverable too, but publishing it takes a writer's role.
    const representative = { kind: 'city_representative', funded: false, name: 'Koffi Member', cityId: w.abidjan.id }
    expect((await w.as.secretariat.post(`/api/workshops/${workshop.body.id}/participants`, representative)).status).toBe(201)
    expect((await w.as.member.get<DocumentSummary>(`/api/documents/${deliverable.id}`)).body.allowed).toContain('write')
    expect((await w.as.member.post('/api/practices', { documentId: deliverable.id, ...PRACTICE })).status).toBe(403)
    expect((await w.as.member.get(`/api/practices/source?documentId=${deliverable.id}`)).status).toBe(403)
    const refused = await w.as.guest.post<ApiErrorBody>('/api/practices', { documentId: deliverable.id, ...PRACTICE })
    expect(refused.status).toBe(403)
    expect(refused.body.error.message).toMatch(/role in a network/)
    expect((await w.as.guest.get('/api/practices')).status).toBe(403)
    // Anonymous: 401.
    const anonymous = t.app.client()
    expect((await anonymous.get('/api/practices')).status).toBe(401)
    expect((await anonymous.post('/api/practices', { documentId: w.plan.id, ...PRACTICE })).status).toBe(401)
    expect(await count()).toBe(0)
    // An archived source is read, not published.
    expect((await w.as.pilot.post(`/api/documents/${w.plan.id}/archive`)).status).toBe(204)
    expect((await publish(w, 'pilot')).status).toBe(409)
    expect(await count()).toBe(0)
  })

  it('refuses a practice without a summary or a theme, or with an unknown axis', async () => {
    const w = await world()
    for (const body of [{ summary: '' }, { themes: [] }, { axis: 'Représentation' }, { title: 'a\nb' }]) {
      const res = await publish(w, 'pilot', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })
})
