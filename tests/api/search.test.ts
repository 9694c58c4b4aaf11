import { afterAll, describe, expect, it } from 'vitest'
import {
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
  type CityLocalisation,
  type CityOnboarding,
  type SearchResponse,
  type SearchResult,
  type WorkshopView,
} from '../../shared/api'
import { writeContent } from '../../server/data/live-documents'
import { createThread, addComment, deleteComment, editComment } from '../../server/data/comments'
import { createCity } from '../../server/data/workspace'
import { insertParticipant } from '../../server/data/workshops'
import type { Queryable } from '../../server/db/db'
import type { Client } from '../helpers/app'
import { appendParagraph, connect, startTestServer, synced, type TestServer } from '../helpers/collab'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildCity, buildDocument, buildNetwork, buildPerson, buildWorld, signIn, signInAll, type BuiltDocument } from '../helpers/world'

const encoder = new TextEncoder()

/** Writes a document's derived copy, as the collaboration layer does after an edit. */
async function setText(q: Queryable, documentId: string, text: string): Promise<void> {
  await writeContent(q, documentId, encoder.encode(text), encoder.encode(JSON.stringify({ type: 'doc', content: [] })))
}

async function find(client: Client, q: string, params: Record<string, string> = {}): Promise<SearchResponse> {
  const res = await client.get<SearchResponse>(`/api/search?${new URLSearchParams({ q, ...params })}`)
  expect(res.status).toBe(200)
  return res.body
}

/** Every result of a search, page after page (`limit` at a time). */
async function findAll(client: Client, q: string, limit = 2): Promise<SearchResult[]> {
  const all: SearchResult[] = []
  let cursor: string | null = null
  do {
    const page: SearchResponse = await find(client, q, { limit: String(limit), ...(cursor ? { cursor } : {}) })
    expect(page.results.length).toBeLessThanOrEqual(limit)
    all.push(...page.results)
    cursor = page.next
  } while (cursor)
  return all
}

const ids = (results: SearchResult[]) => results.map((r) => r.id)
const marked = (word: string) => `${SNIPPET_MARK_START}${word}${SNIPPET_MARK_END}`

describe.each(DRIVERS)('search, on %s', (driver) => {
  const t = useTestApp(driver)

  async function reader() {
    const network = await buildNetwork(t.db, 'Réseau recherche')
    const person = await buildPerson(t.db, 'Rita Reader', [{ role: 'secretariat', on: network }])
    return { network, person, client: await signIn(t.app, person) }
  }

  it('finds French words by their stem and without their accents, with the words marked in the snippet', async () => {
    const { network, client } = await reader()
    const doc = await buildDocument(t.db, network, { title: 'Feuille de route' })
    await setText(t.db, doc.id, 'Bilan des expérimentations menées sur la place du marché. Le Plan d’action urbain est adopté.')
    for (const q of ['expérimentation', 'experimentation', 'EXPERIMENTATIONS', 'expérimenté', "plans d'action", 'plan d’action'])
      expect(ids((await find(client, q)).results), q).toContain(doc.id)
    const [hit] = (await find(client, 'experimentation')).results
    expect(hit).toMatchObject({ type: 'document', id: doc.id, title: 'Feuille de route', space: { type: 'network', id: network.id, name: 'Réseau recherche' } })
    expect(hit!.snippet).toContain(marked('expérimentations'))
    expect(hit!.url).toBe(`/documents/${doc.id}?q=experimentation`)
    expect((await find(client, 'inexistant')).results).toEqual([])
  })

  it('marks only the matched words: marks typed into a document are taken out, tags are dropped', async () => {
    const { network, client } = await reader()
    const doc = await buildDocument(t.db, network, { title: 'Notes' })
    await setText(t.db, doc.id, `Un ${SNIPPET_MARK_START}faux${SNIPPET_MARK_END} <b onclick="x()">gras</b> dans le potager.`)
    const [hit] = (await find(client, 'potager')).results
    // ts_headline leaves out what its parser reads as a tag; the client renders the rest as text.
    expect(hit!.snippet).toBe(`faux  gras  dans le ${marked('potager')}`)
  })

  it('searches English and Spanish documents in their own language', async () => {
    const { network, client } = await reader()
    const en = await buildDocument(t.db, network, { title: 'Walkability sheet', locale: 'en' })
    await setText(t.db, en.id, 'The cities were planning safer crossings near schools.')
    const es = await buildDocument(t.db, network, { title: 'Ficha de movilidad', locale: 'es' })
    await setText(t.db, es.id, 'Las ciudades impulsan la participación ciudadana en los barrios.')
    expect(ids((await find(client, 'city plans')).results)).toEqual([en.id])
    expect(ids((await find(client, 'crossing')).results)).toEqual([en.id])
    expect(ids((await find(client, 'participacion barrio')).results)).toEqual([es.id])
    expect(ids((await find(client, 'impulsar ciudades')).results)).toEqual([es.id])
  })

  it('ranks a match in the title above one in the body, and a recent match above an old one', async () => {
    const { network, client } = await reader()
    const inTitle = await buildDocument(t.db, network, { title: 'Mobilité douce' })
    await setText(t.db, inTitle.id, 'Rien de plus ici.')
    const inBody = await buildDocument(t.db, network, { title: 'Compte rendu' })
    await setText(t.db, inBody.id, 'Nous avons parlé de mobilité, de mobilité encore, et de mobilités.')
    const old = await buildDocument(t.db, network, { title: 'Vieux compte rendu' })
    await setText(t.db, old.id, 'Nous avons parlé de mobilité, de mobilité encore, et de mobilités.')
    await t.db.query(`update documents set updated_at = now() - interval '3 years' where id = $1`, [old.id])
    await t.db.query(`update doc_content set updated_at = now() - interval '3 years' where document_id = $1`, [old.id])
    // Made the oldest: still first.
    await t.db.query(`update documents set updated_at = now() - interval '5 years' where id = $1`, [inTitle.id])
    expect(ids((await find(client, 'mobilite')).results)).toEqual([inTitle.id, inBody.id, old.id])
  })

  it('finds people, cities and networks despite a typo or a missing accent', async () => {
    const network = await buildNetwork(t.db, 'Villes résilientes')
    const city = await buildCity(t.db, network, 'member', 'Marseille')
    const person = await buildPerson(t.db, 'Héloïse Dupont', [{ role: 'city_team', on: city }])
    const client = await signIn(t.app, await buildPerson(t.db, 'Sara Sec', [{ role: 'secretariat', on: network }]))
    expect((await find(client, 'Marseile')).results.find((r) => r.type === 'city')).toMatchObject({ id: city.id, url: `/cities/${city.id}` })
    expect((await find(client, 'heloise dupon')).results.find((r) => r.type === 'person')).toMatchObject({ id: person.id, space: { id: city.id } })
    expect((await find(client, 'villes resiliante')).results.find((r) => r.type === 'network')).toMatchObject({ id: network.id })
    expect((await find(client, 'Zanzibar')).results).toEqual([])
  })

  it('filters by space, kind, stage and type, and refuses what it cannot read', async () => {
    const { network, client, person: writer } = await reader()
    const city = await buildCity(t.db, network, 'member', 'Ville filtre')
    const sheet = await buildDocument(t.db, network, { kind: 'thematic_sheet', title: 'Fiche arbres' })
    const plan = await buildDocument(t.db, city, { kind: 'action_plan', title: 'Plan arbres' })
    expect(ids((await find(client, 'arbres', { space: `city:${city.id}` })).results)).toEqual([plan.id])
    expect(ids((await find(client, 'arbres', { kind: 'thematic_sheet' })).results)).toEqual([sheet.id])
    expect(ids((await find(client, 'arbres', { stage: 'submitted' })).results)).toEqual([])
    const thread = await createThread(t.db, { documentId: sheet.id, anchorStart: 'a', anchorEnd: 'b', quote: 'des arbres', createdBy: writer.id })
    expect((await find(client, 'arbres', { type: 'thread' })).results.map((r) => [r.type, r.id])).toEqual([['thread', thread.id]])
    expect(ids((await find(client, 'arbres', { type: 'document,thread' })).results).sort()).toEqual([sheet.id, plan.id, thread.id].sort())
    for (const bad of [
      '',
      'q=a&type=',
      'q=a&type=novel',
      'q=a&type=document,',
      'q=a&limit=0',
      'q=a&limit=51',
      'q=a&space=city',
      'q=a&kind=novel',
      'q=a&cursor=abc',
      `q=${'a'.repeat(201)}`,
    ]) {
      const res = await client.get<{ error: { code: string; message: string } }>(`/api/search?${bad}`)
      expect(res.status, bad).toBe(400)
      expect(res.body.error.message.length).toBeGreaterThan(0)
    }
    expect((await t.app.client().get('/api/search?q=arbres')).status).toBe(401)
  })

  it('pages through the results with `next`, each once', async () => {
    const { network, client } = await reader()
    const docs: BuiltDocument[] = []
    for (let i = 0; i < 5; i++) docs.push(await buildDocument(t.db, network, { title: `Jardin partagé ${i}` }))
    const all = await findAll(client, 'jardin')
    expect(ids(all).sort()).toEqual(ids(docs as SearchResult[]).sort())
  })

  it('finds a thread by its quote and its comments as they are now: edited and deleted words go', async () => {
    const { network, client, person } = await reader()
    const doc = await buildDocument(t.db, network, { title: 'Fiche fils' })
    const thread = await createThread(t.db, { documentId: doc.id, anchorStart: 'a', anchorEnd: 'b', quote: 'les lampadaires', createdBy: person.id })
    const threadsFound = async (q: string) => ids((await find(client, q, { type: 'thread' })).results)
    expect(await threadsFound('lampadaire')).toEqual([thread.id])
    const first = await addComment(t.db, { threadId: thread.id, authorId: person.id, body: 'Penser aux abeilles.', mentions: [] })
    const second = await addComment(t.db, { threadId: thread.id, authorId: person.id, body: 'Et aux chouettes.', mentions: [] })
    expect(await threadsFound('abeille chouette')).toEqual([thread.id])
    const [hit] = (await find(client, 'abeille', { type: 'thread' })).results
    expect(hit!.snippet).toContain(marked('abeilles'))
    await editComment(t.db, first.id, 'Penser aux grenouilles.', [])
    expect(await threadsFound('abeille')).toEqual([])
    expect(await threadsFound('grenouille')).toEqual([thread.id])
    await deleteComment(t.db, second.id)
    expect(await threadsFound('chouette')).toEqual([])
    expect(await threadsFound('lampadaire grenouille')).toEqual([thread.id])
    await t.db.query('update comment_threads set deleted_at = now() where id = $1', [thread.id])
    expect(await threadsFound('grenouille')).toEqual([])
  })

  it('finds a document made from its template, never opened, by a word of its headings', async () => {
    const { network, client } = await reader()
    const plan = await buildDocument(t.db, network, { kind: 'action_plan', title: 'Plan de la ville' })
    const [hit] = (await find(client, 'hypothese', { type: 'document' })).results
    expect(hit).toMatchObject({ id: plan.id, type: 'document' })
    expect(hit!.snippet).toContain(marked('hypothèses'))
    const sheet = await buildDocument(t.db, network, { kind: 'thematic_sheet', title: 'Sheet', locale: 'en' })
    expect(ids((await find(client, 'ongoing experience', { type: 'document' })).results)).toEqual([sheet.id])
  })

  /**
   * A word planted in every space (and in a thread, a version name, a workshop) is found by
   * those who may read it and by nobody else: not in results, snippets, or further pages.
   */
  it('finds only what the caller may read, across the role matrix', async () => {
    const w = await buildWorld(t.db)
    const otherNetwork = await buildNetwork(t.db, 'Autre réseau')
    const people = {
      ...w.people,
      guest: await buildPerson(t.db, 'Gus Guest'),
      otherSecretariat: await buildPerson(t.db, 'Oscar Outsider', [{ role: 'secretariat', on: otherNetwork }]),
    }
    const as = await signInAll(t.app, people)
    const workshop = (
      await as.secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, {
        title: 'Atelier de Dakar',
        startsOn: '2027-03-09',
        endsOn: '2027-03-11',
        place: 'Dakar',
        objectives: [],
      })
    ).body
    await insertParticipant(t.db, workshop.id, {
      kind: 'international_expert',
      funded: false,
      userId: people.guest.id,
      name: people.guest.name,
      email: people.guest.email,
      cityId: null,
    })
    const planted = {
      network: w.documents.network.id,
      pilot: w.documents.city.id,
      member: (await buildDocument(t.db, w.cities.member)).id,
      other: (await buildDocument(t.db, w.cities.other)).id,
      workshop: workshop.agenda.id,
      otherNetwork: (await buildDocument(t.db, otherNetwork)).id,
    }
    for (const [where, id] of Object.entries(planted)) await setText(t.db, id, `Notes : la mandragore secret${where} pousse ici.`)
    // A thread on the member city's plan, and a named version of the other city's.
    const thread = await createThread(t.db, { documentId: planted.member, anchorStart: 'a', anchorEnd: 'b', quote: 'citation', createdBy: people.member.id })
    await addComment(t.db, { threadId: thread.id, authorId: people.member.id, body: 'Le basilic pousse mieux.', mentions: [] })
    expect((await as.other.post(`/api/documents/${planted.other}/versions`, { name: 'Version basilic' })).status).toBe(201)
    // The member city's onboarding note (the network's readers see it) and its City WORKS notes (the city's readers).
    const member = w.cities.member.id
    const onboardingItem = `/api/networks/${w.network.id}/cities/${member}/onboarding/items/contract_signed`
    expect((await as.member.patch(onboardingItem, { done: false, note: 'Le romarin attend la signature du maire.' })).status).toBe(200)
    const city = `/api/cities/${member}/localisation`
    expect((await as.member.patch(`${city}/steps/collect_information`, { note: 'Recenser le thym des jardins.' })).status).toBe(200)
    expect((await as.member.patch(`${city}/support/peer_learning`, { note: 'Échanges sur la lavande.' })).status).toBe(200)

    const network = ['network', 'workshop']
    const expected: Record<keyof typeof people, string[]> = {
      secretariat: [...network, 'pilot', 'member', 'other'],
      pilot: [...network, 'pilot'],
      member: [...network, 'member'],
      other: [...network, 'other'],
      expert: network,
      advisory: network,
      funder: network,
      guest: ['workshop'],
      otherSecretariat: ['otherNetwork'],
    }
    for (const [who, client] of Object.entries(as) as [keyof typeof people, Client][]) {
      const found = await findAll(client, 'mandragore')
      const expectedIds = expected[who].map((where) => planted[where as keyof typeof planted])
      expect(ids(found).sort(), who).toEqual([...expectedIds].sort())
      const snippets = found.map((r) => r.snippet).join(' ')
      for (const where of Object.keys(planted))
        expect(snippets.includes(`secret${where} pousse`), `${who} reads secret${where}`).toBe(expected[who].includes(where))
      // One page of one: `next` says more only when the caller may read more.
      const first = await find(client, 'mandragore', { limit: String(expectedIds.length || 1) })
      expect(first.next, who).toBeNull()
      // Naming a space one may not read narrows to nothing, rather than opening it.
      for (const key of ['pilot', 'member', 'other'] as const)
        if (!expected[who].includes(key)) {
          const city = w.cities[key]
          expect((await find(client, 'mandragore', { space: `city:${city.id}` })).results, `${who} in ${key}`).toEqual([])
        }
      const basil = ids(await findAll(client, 'basilic'))
      expect(basil.includes(thread.id), `${who} finds the thread`).toBe(['secretariat', 'member'].includes(who))
      expect(basil.length, `${who} finds the thread and the version`).toBe(
        Number(['secretariat', 'member'].includes(who)) + Number(['secretariat', 'other'].includes(who)),
      )
      expect(ids(await findAll(client, 'Dakar')).includes(workshop.id), `${who} finds the workshop`).toBe(who !== 'otherSecretariat')

      // Notes: found by exactly those to whom their page's API shows them, and never in anyone else's snippet.
      const onboarding = await client.get<CityOnboarding>(`/api/networks/${w.network.id}/cities/${member}/onboarding`)
      const readsOnboarding = onboarding.status === 200 && onboarding.body.items.some((i) => i.note.includes('romarin'))
      expect(readsOnboarding, `${who} reads the onboarding note`).toBe(!['guest', 'otherSecretariat'].includes(who))
      const rosemary = await findAll(client, 'romarin signature')
      expect(
        rosemary.map((r) => [r.type, r.id]),
        `${who} finds the onboarding note`,
      ).toEqual(readsOnboarding ? [['onboarding', `${w.network.id}:${member}`]] : [])
      if (readsOnboarding) {
        expect(rosemary[0]).toMatchObject({
          title: 'Member City',
          space: { type: 'network', id: w.network.id },
          url: `/networks/${w.network.id}#city-${member}`,
        })
        expect(rosemary[0]!.snippet).toContain(marked('romarin'))
      }
      const localisation = await client.get<CityLocalisation>(city)
      const readsLocalisation = localisation.status === 200 && localisation.body.phases.some((p) => p.steps.some((step) => step.note.includes('thym')))
      expect(readsLocalisation, `${who} reads the City WORKS notes`).toBe(['secretariat', 'member'].includes(who))
      for (const word of ['thym', 'lavande']) {
        const herbs = await findAll(client, word)
        expect(
          herbs.map((r) => [r.type, r.id]),
          `${who} finds the City WORKS note (${word})`,
        ).toEqual(readsLocalisation ? [['localisation', member]] : [])
        if (readsLocalisation)
          expect(herbs[0]).toMatchObject({ title: 'Member City', space: { type: 'city', id: member }, url: `/cities/${member}#cityworks-title` })
      }
      const everything = (await findAll(client, 'romarin or thym or lavande', 50)).map((r) => r.snippet).join(' ')
      expect(everything.includes('romarin'), `${who} reads romarin in a snippet`).toBe(readsOnboarding)
      expect(everything.includes('thym'), `${who} reads thym in a snippet`).toBe(readsLocalisation)
    }
    // A city that left the network leaves its onboarding page, and search.
    await t.db.query('update memberships set left_at = current_date where network_id = $1 and city_id = $2', [w.network.id, member])
    expect((await as.secretariat.get(`/api/networks/${w.network.id}/cities/${member}/onboarding`)).status).toBe(404)
    expect(await findAll(as.secretariat, 'romarin')).toEqual([])
  })

  it('shows cities and people only to those who see them', async () => {
    const w = await buildWorld(t.db)
    const outside = await createCity(t.db, { name: 'Tombouctou' })
    const as = await signInAll(t.app, { member: w.people.member, funder: w.people.funder })
    for (const client of Object.values(as)) {
      expect(ids((await find(client, 'Tombouctou')).results)).toEqual([])
      expect(ids((await find(client, 'Olga Other')).results.filter((r) => r.type === 'person'))).toEqual([w.people.other.id])
    }
    expect(outside.id).toBeTruthy()
  })
})

/** The index follows live edits: the derived copy a room writes after an edit is searchable within seconds. */
describe.each(DRIVERS)('search after a live edit, on %s', (driver) => {
  let server: TestServer
  afterAll(() => server?.stop())

  it('finds words typed in the editor a moment ago', async () => {
    server = await startTestServer(driver)
    const w = await buildWorld(server.deps.db)
    const cookie = await server.login(w.people.pilot.email)
    const search = async () => (await server.api<SearchResponse>(cookie, 'GET', '/api/search?q=ornithorynque')).body.results.map((r) => r.id)
    expect(await search()).toEqual([])
    const writer = connect(server, w.documents.city.id, { cookie })
    await synced(writer)
    appendParagraph(writer.doc, 'Un ornithorynque traverse la place.')
    await expect.poll(search, { timeout: 10_000 }).toEqual([w.documents.city.id])
    writer.destroy()
  })
})
