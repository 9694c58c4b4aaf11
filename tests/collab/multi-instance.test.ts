import type WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadState } from '../../server/data/live-documents'
import { dropSchema, freshSchemaName } from '../helpers/db'
import {
  appendParagraph,
  connect,
  docText,
  listenForComments,
  startTestServer,
  synced,
  upgradeStatus,
  type TestClient,
  type TestServer,
} from '../helpers/collab'
import { anchorIn } from '../helpers/comments'
import { buildDocument, buildWorld, WORLD, type World } from '../helpers/world'
import type { NetworkDetail } from '../../shared/api'
import type { DocumentKind } from '../../shared/templates'

/**
 * Several server instances behind one load balancer: one PostgreSQL schema, one Redis.
 * Edits and presence cross instances, the update log gets each edit once, a document opened
 * on a second instance picks up edits the first has not stored yet, and a revocation made
 * through any instance closes the sockets concerned on every instance.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const paragraphs = (text: string) => new Set(text.split('\n'))

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('several instances sharing PostgreSQL and Redis', () => {
  const schema = freshSchemaName()
  const env = { REDIS_URL: process.env.REDIS_URL! }
  let s1: TestServer
  let s2: TestServer
  let world: World
  let secretariat: string
  let pilot: string
  let pilotId: string
  const clients: TestClient[] = []
  const client = (c: TestClient) => (clients.push(c), c)

  /** The stored document (snapshot + log), replayed, as a fresh load would see it. */
  async function storedText(documentId: string): Promise<string> {
    const stored = await loadState(s1.deps.db, documentId)
    const replay = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(replay, u)
    return docText(replay)
  }

  beforeAll(async () => {
    // One after the other: the second finds the schema migrated.
    s1 = await startTestServer('postgres', { schema, env })
    s2 = await startTestServer('postgres', { schema, env })
    world = await buildWorld(s1.deps.db)
    secretariat = await s1.login(world.people.secretariat.email)
    pilot = await s2.login(world.people.pilot.email)
    pilotId = world.people.pilot.id
  })

  /** A document of the test's own, in the pilot city: no other test has it loaded on any instance. */
  const ownDocument = async (kind: DocumentKind) => (await buildDocument(s1.deps.db, world.cities.pilot, { kind, by: world.people.pilot })).id

  afterAll(async () => {
    for (const c of clients) c.destroy()
    // stop() leaves a schema it was given alone: it is ours to drop, once both are closed.
    await Promise.allSettled([s1?.stop(), s2?.stop()])
    await dropSchema(process.env.DATABASE_URL!, schema)
  })

  it('edits made on each instance appear on the other; concurrent edits converge', async () => {
    const planId = await ownDocument('action_plan')
    const one = client(connect(s1, planId, { cookie: pilot }))
    const two = client(connect(s2, planId, { cookie: secretariat }))
    await Promise.all([synced(one), synced(two)])
    expect(one.text()).toBe(two.text())

    appendParagraph(one.doc, 'Tapé sur l’instance 1')
    await expect.poll(() => paragraphs(two.text()).has('Tapé sur l’instance 1'), { timeout: 30_000 }).toBe(true)
    appendParagraph(two.doc, 'Tapé sur l’instance 2')
    await expect.poll(() => paragraphs(one.text()).has('Tapé sur l’instance 2'), { timeout: 30_000 }).toBe(true)

    // Both type at once, including into the same paragraph.
    const last = (doc: Y.Doc) => (doc.getXmlFragment('default').get(doc.getXmlFragment('default').length - 1) as Y.XmlElement).get(0) as Y.XmlText
    last(one.doc).insert(0, '[1]')
    last(two.doc).insert(last(two.doc).length, '[2]')
    for (let i = 1; i <= 15; i++) {
      appendParagraph(one.doc, `Concurrent 1.${i}`)
      appendParagraph(two.doc, `Concurrent 2.${i}`)
      if (i % 5 === 0) await sleep(10)
    }
    const expected = [
      '[1]Tapé sur l’instance 2[2]',
      ...Array.from({ length: 15 }, (_, i) => `Concurrent 1.${i + 1}`),
      ...Array.from({ length: 15 }, (_, i) => `Concurrent 2.${i + 1}`),
    ]
    await expect.poll(() => one.text() === two.text() && expected.every((p) => paragraphs(one.text()).has(p)), { timeout: 30_000 }).toBe(true)

    // A third person, on instance 2, gets the same document.
    const late = client(connect(s2, planId, { token: await s2.token(pilot, planId) }))
    await synced(late)
    await expect.poll(() => late.text(), { timeout: 30_000 }).toBe(one.text())
    for (const c of [one, two, late]) c.destroy()
  })

  it('presence crosses instances with the identity the server stamped, and leaves with the socket', async () => {
    const planId = await ownDocument('action_plan')
    const one = client(connect(s1, planId, { cookie: pilot }))
    const two = client(connect(s2, planId, { cookie: secretariat }))
    await Promise.all([synced(one), synced(two)])
    // The client claims to be someone else; the server knows better.
    one.provider.awareness.setLocalStateField('user', { name: 'Quelqu’un d’autre', id: 'faux' })
    one.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    const seenOnTwo = () => two.provider.awareness.getStates().get(one.doc.clientID) as { user?: Record<string, unknown>; cursor?: unknown } | undefined
    await expect.poll(() => seenOnTwo()?.cursor, { timeout: 30_000 }).toEqual({ anchor: 3 })
    expect(seenOnTwo()!.user).toMatchObject({ id: pilotId, name: 'Pat Pilot', city: WORLD.cities.pilot, access: 'write' })

    // And the other way round.
    two.provider.awareness.setLocalStateField('user', { name: 'Pas Sam' })
    await expect
      .poll(() => (one.provider.awareness.getStates().get(two.doc.clientID) as { user?: { name?: string } } | undefined)?.user?.name, { timeout: 30_000 })
      .toBe('Sam Secretariat')

    // The socket drops without a goodbye (the provider would otherwise announce its own
    // departure): the server removes that presence, on every instance.
    one.provider.shouldConnect = false
    ;(one.provider.ws as unknown as WebSocket).terminate()
    await expect.poll(() => two.provider.awareness.getStates().has(one.doc.clientID), { timeout: 30_000 }).toBe(false)
    for (const c of [one, two]) c.destroy()
  })

  it('the update log gets each edit once, from the instance the writer is connected to', async () => {
    const sheetId = await ownDocument('thematic_sheet')
    const [{ max }] = await s1.deps.db.query<{ max: string }>(`select coalesce(max(id), 0)::text as max from doc_updates`)
    const rows = () =>
      s1.deps.db.query<{ userId: string; data: Uint8Array }>(
        `select user_id as "userId", data from doc_updates where document_id = $1 and id > $2 order by id`,
        [sheetId, max],
      )
    // The document is loaded on both instances: instance 2 receives every edit through Redis.
    const one = client(connect(s1, sheetId, { cookie: pilot }))
    const two = client(connect(s2, sheetId, { cookie: secretariat }))
    await Promise.all([synced(one), synced(two)])

    const lines = Array.from({ length: 6 }, (_, i) => `Ligne ${i + 1} écrite sur l’instance 1`)
    for (const [i, line] of lines.entries()) {
      appendParagraph(one.doc, line)
      await expect.poll(() => paragraphs(two.text()).has(line), { timeout: 30_000 }).toBe(true)
      // Waiting for the row keeps one edit per row (a batch would merge consecutive edits).
      await expect.poll(async () => (await rows()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(i + 1)
    }
    // Both instances have stored all they accepted or were relayed (or seen it stored by its origin):
    // a duplicate, were there one, would be a row by now.
    await Promise.all([s1.deps.hub.stored(sheetId), s2.deps.hub.stored(sheetId)])
    const stored = await rows()
    expect(stored).toHaveLength(lines.length)
    expect(stored.every((r) => r.userId === pilotId)).toBe(true)
    const distinct = new Set(stored.map((r) => Buffer.from(r.data).toString('hex')))
    expect(distinct.size).toBe(stored.length)
    expect(await storedText(sheetId)).toBe(one.text())
    for (const c of [one, two]) c.destroy()
  })

  it('a late joiner on another instance gets edits that are not stored yet', async () => {
    const journalId = await ownDocument('experimentation_log')
    // A third instance that holds writes for a long time, so "not stored yet" is certain.
    const slow = await startTestServer('postgres', { schema, env, persistence: { flushMs: 600_000 } })
    try {
      const writer = client(connect(slow, journalId, { cookie: pilot }))
      const observer = client(connect(slow, journalId, { cookie: secretariat }))
      await Promise.all([synced(writer), synced(observer)])
      const line = 'Écrit il y a un instant, pas encore enregistré'
      appendParagraph(writer.doc, line)
      // Once the observer has it, the slow instance has applied it (and told Redis, where no
      // one listened for this document yet); it is only in that instance's memory.
      await expect.poll(() => paragraphs(observer.text()).has(line), { timeout: 30_000 }).toBe(true)
      expect(paragraphs(await storedText(journalId)).has(line)).toBe(false)

      // Instance 2 has not loaded this document: it reads storage, then asks its peers.
      const late = client(connect(s2, journalId, { cookie: secretariat }))
      await synced(late)
      await expect.poll(() => paragraphs(late.text()).has(line), { timeout: 30_000 }).toBe(true)
      expect(paragraphs(await storedText(journalId)).has(line)).toBe(false)
      expect(late.text()).toBe(writer.text())
      for (const c of [writer, observer, late]) c.destroy()
    } finally {
      await slow.stop()
    }
    // Its shutdown stored what it held.
    expect(paragraphs(await storedText(journalId)).has('Écrit il y a un instant, pas encore enregistré')).toBe(true)
  })

  it('a comment made through one instance reaches the sockets on the others, even where it is not open', async () => {
    const sheetId = await ownDocument('thematic_sheet')
    // Nobody has the document open on instance 1: the change still reaches instance 2 through Redis.
    const onTwo = client(connect(s2, sheetId, { cookie: secretariat }))
    const heard = listenForComments(onTwo)
    await synced(onTwo)
    await expect.poll(() => heard.map((h) => h.change), { timeout: 30_000 }).toEqual(['subscribed'])
    const created = await s1.api(pilot, 'POST', `/api/documents/${sheetId}/comments`, {
      anchor: await anchorIn(s1.deps.db, sheetId),
      body: 'Vu sur l’autre instance',
    })
    expect(created.status).toBe(201)
    await expect.poll(() => heard.map((h) => h.change), { timeout: 30_000 }).toEqual(['subscribed', 'created'])
    expect(heard[1]!.threadId).toBe(created.body.id)

    // And the other way, with the document open on both instances: one message each, not two.
    const onOne = client(connect(s1, sheetId, { cookie: pilot }))
    const heardOnOne = listenForComments(onOne)
    await synced(onOne)
    await expect.poll(() => heardOnOne.length, { timeout: 30_000 }).toBe(1)
    expect((await s2.api(secretariat, 'POST', `/api/documents/${sheetId}/comments/${created.body.id}/resolve`)).status).toBe(200)
    for (const changes of [heard, heardOnOne]) {
      await expect.poll(() => changes.map((h) => h.change).at(-1), { timeout: 30_000 }).toBe('resolved')
    }
    // A change after it, through the same channel: once it is here, a duplicate of the first would be too.
    expect((await s2.api(secretariat, 'POST', `/api/documents/${sheetId}/comments/${created.body.id}/reopen`)).status).toBe(200)
    for (const changes of [heard, heardOnOne]) {
      await expect.poll(() => changes.map((h) => h.change).at(-1), { timeout: 30_000 }).toBe('reopened')
    }
    expect(heard.filter((h) => h.change === 'resolved')).toHaveLength(1)
    expect(heardOnOne.filter((h) => h.change === 'resolved')).toHaveLength(1)
    for (const c of [onOne, onTwo]) c.destroy()
  })

  it('a revocation through one instance closes the sockets concerned on every instance', async () => {
    // A world of its own: one of its member cities leaves the network, its expert loses the role.
    const own = await buildWorld(s1.deps.db)
    const docId = own.documents.network.id
    const networkId = own.network.id
    const ownSecretariat = await s1.login(own.people.secretariat.email)
    const people = (await s1.api(ownSecretariat, 'GET', `/api/networks/${networkId}`)).body.people as NetworkDetail['people']
    const expertGrantId = people.find((p) => p.user.id === own.people.expert.id && p.role === 'expert')!.grantId
    const member = await s2.login(own.people.other.email)
    const expert = await s1.login(own.people.expert.email)
    const at = (s: TestServer, cookie: string) => upgradeStatus(`${s.wsUrl}/${docId}`, { cookie, origin: s.url })

    // Someone unaffected stays connected throughout.
    const bystander = client(connect(s2, docId, { cookie: ownSecretariat }))
    const memberOn2 = client(connect(s2, docId, { cookie: member }))
    const expertOn1 = client(connect(s1, docId, { cookie: expert }))
    const expertOn2 = client(connect(s2, docId, { cookie: expert }))
    await Promise.all([bystander, memberOn2, expertOn1, expertOn2].map(synced))

    // The member city leaves the network, through instance 1: its team's socket on instance 2 closes.
    let started = performance.now()
    expect((await s1.api(ownSecretariat, 'DELETE', `/api/networks/${networkId}/cities/${own.cities.other.id}`)).status).toBe(204)
    await expect.poll(() => memberOn2.closes.map((c) => c.code), { timeout: 30_000 }).toContain(4403)
    console.log(`[multi-instance] the member city's socket on instance 2 closed ${Math.round(performance.now() - started)} ms after the removal answered`)
    expect(await at(s2, member)).toBe(403)
    expect(await at(s1, member)).toBe(403)
    // The expert was rechecked too (every socket is, on a membership change) and kept their access.
    expect(expertOn1.closes).toEqual([])
    expect(expertOn2.closes).toEqual([])

    // The expert's role is removed, through instance 1: their sockets on both instances close.
    started = performance.now()
    expect((await s1.api(ownSecretariat, 'DELETE', `/api/grants/${expertGrantId}`)).status).toBe(204)
    await expect.poll(() => expertOn1.closes.map((c) => c.code), { timeout: 30_000 }).toContain(4403)
    const onOne = Math.round(performance.now() - started)
    await expect.poll(() => expertOn2.closes.map((c) => c.code), { timeout: 30_000 }).toContain(4403)
    console.log(
      `[multi-instance] the expert's sockets closed ${onOne} ms (instance 1) and ${Math.round(performance.now() - started)} ms (instance 2, at most) after the removal answered`,
    )
    expect(await at(s1, expert)).toBe(403)
    expect(await at(s2, expert)).toBe(403)

    expect(bystander.closes).toEqual([])
    expect(bystander.provider.wsconnected).toBe(true)
    for (const c of [bystander, memberOn2, expertOn1, expertOn2]) c.destroy()
  })
})
