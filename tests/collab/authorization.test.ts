import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { hashToken } from '../../server/auth/tokens'
import type { NetworkDetail } from '../../shared/api'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, cookiesOf, docText, startTestServer, synced, upgradeStatus, type TestServer } from '../helpers/collab'
import { buildPerson, buildWorld, WORLD, type World } from '../helpers/world'

/** y-websocket's permission-denied message: [2 (auth), 0 (denied), reason]. */
const deniedReasons = (frames: Uint8Array[]) =>
  frames.flatMap((f) => {
    const d = decoding.createDecoder(f)
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return []
    return [decoding.readVarString(d)]
  })

/** An awareness message ([1, update]) with one client's state, as a client could forge it. */
const presenceFrame = (clientId: number, clock: number, state: object): Uint8Array => {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
  return encoding.toUint8Array(e)
}

/** The awareness clients a y-websocket awareness message ([1, update]) carries. */
const awarenessClients = (frame: Uint8Array): number[] => {
  const d = decoding.createDecoder(frame)
  if (decoding.readVarUint(d) !== 1) return []
  const update = decoding.createDecoder(decoding.readVarUint8Array(d))
  const clients: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    clients.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return clients
}

describe.each(DRIVERS)('who may open and change a live document (%s)', (driver) => {
  let server: TestServer
  let world: World
  let cookies: Record<keyof World['people'], string>
  let networkDoc: string
  let cityPlan: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    cookies = await cookiesOf(server, world.people)
    networkDoc = world.documents.network.id
    cityPlan = world.documents.city.id
  })
  afterAll(() => server.stop())

  const url = (id: string, query = '') => `${server.wsUrl}/${id}${query}`

  it('refuses the upgrade without an identity (401), for a document it may not read (403), and for an unknown one (404)', async () => {
    expect(await upgradeStatus(url(networkDoc))).toBe(403) // no cookie: the origin check comes first for browsers
    expect(await upgradeStatus(url(networkDoc), { origin: server.url })).toBe(401)
    expect(await upgradeStatus(url(networkDoc, '?token=forged'))).toBe(401)
    expect(await upgradeStatus(url(cityPlan), { cookie: cookies.funder, origin: server.url })).toBe(403)
    expect(await upgradeStatus(url(cityPlan), { cookie: cookies.other, origin: server.url })).toBe(403)
    expect(await upgradeStatus(url('00000000-0000-4000-8000-000000000000'), { cookie: cookies.pilot, origin: server.url })).toBe(404)
    expect(await upgradeStatus(url('not-a-document'), { cookie: cookies.pilot, origin: server.url })).toBe(404)
    expect(await upgradeStatus(url(cityPlan), { cookie: cookies.pilot, origin: server.url })).toBe(101)
  })

  it('refuses a cookie-authenticated upgrade from another site (cross-site WebSocket hijacking)', async () => {
    expect(await upgradeStatus(url(cityPlan), { cookie: cookies.pilot, origin: 'https://evil.example' })).toBe(403)
  })

  it('a collab token opens one document only, and not after it expires', async () => {
    const token = await server.token(cookies.pilot, cityPlan)
    expect(await upgradeStatus(url(cityPlan, `?token=${token}`))).toBe(101)
    expect(await upgradeStatus(url(networkDoc, `?token=${token}`))).toBe(401)
    await server.deps.db.query(`update collab_tokens set expires_at = now() - interval '1 second' where token_hash = $1`, [hashToken(token)])
    expect(await upgradeStatus(url(cityPlan, `?token=${token}`))).toBe(401)
    expect((await server.api(cookies.funder, 'POST', `/api/documents/${cityPlan}/collab-token`, {})).status).toBe(403)
  })

  it('a read-only connection cannot change the document, is told so, and still follows everyone’s edits', async () => {
    const writer = connect(server, networkDoc, { cookie: cookies.secretariat })
    const reader = connect(server, networkDoc, { cookie: cookies.funder })
    await Promise.all([synced(writer), synced(reader)])
    const before = docText(writer.doc)

    appendParagraph(reader.doc, 'Modification interdite')
    await expect.poll(() => deniedReasons(reader.received)).toEqual(['read-only: edits are refused'])
    // The writer never sees it, and neither does a newcomer: the server's document is unchanged.
    const newcomer = connect(server, networkDoc, { cookie: cookies.pilot })
    await synced(newcomer)
    expect(docText(newcomer.doc)).toBe(before)
    expect(docText(writer.doc)).toBe(before)

    appendParagraph(writer.doc, 'Vu par le financeur')
    await expect.poll(() => docText(reader.doc)).toContain('Vu par le financeur')
    for (const c of [writer, reader, newcomer]) c.destroy()
  })

  // What those who may suggest (the expert here) may send: tests/collab/suggestions-guard.test.ts.

  it('a reader’s ordinary sync (nothing new to offer) is not reported as a refused edit', async () => {
    const writer = connect(server, networkDoc, { cookie: cookies.secretariat })
    await synced(writer)
    appendParagraph(writer.doc, 'Texte avant lecture')
    writer.doc.getXmlFragment('default').delete(0, 1)
    const reader = connect(server, networkDoc, { cookie: cookies.funder })
    await synced(reader)
    // Reconnecting makes the reader send its full state, deletions included.
    reader.provider.disconnect()
    reader.provider.connect()
    await synced(reader)
    // Then a real edit, which is refused: the server checks a reader's updates in the order they
    // came, so once this refusal is here, one for the sync before it would be here too.
    appendParagraph(reader.doc, 'Tentative du financeur')
    await expect.poll(() => deniedReasons(reader.received)).toEqual(['read-only: edits are refused'])
    writer.destroy()
    reader.destroy()
  })

  it('presence carries the identity the server knows, whatever the client claims', async () => {
    const pilot = connect(server, networkDoc, { cookie: cookies.pilot })
    const expert = connect(server, networkDoc, { cookie: cookies.expert })
    await Promise.all([synced(pilot), synced(expert)])
    pilot.provider.awareness.setLocalStateField('user', { name: 'La Secrétaire générale', color: '#000', role: 'secretariat' })
    pilot.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await expect.poll(() => expert.provider.awareness.getStates().get(pilot.doc.clientID)?.cursor).toEqual({ anchor: 1 })
    const seen = expert.provider.awareness.getStates().get(pilot.doc.clientID)!
    expect(seen.user).toMatchObject({ name: 'Pat Pilot', city: WORLD.cities.pilot, role: 'pilot_city', access: 'write' })
    expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/)
    const expertSeen = () => pilot.provider.awareness.getStates().get(expert.doc.clientID)?.user
    expert.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await expect.poll(expertSeen).toMatchObject({ name: 'Eva Expert', role: 'expert', access: 'suggest' })
    pilot.destroy()
    expert.destroy()
  })

  it('nobody is sent back their own presence, only the others’', async () => {
    const pilot = connect(server, networkDoc, { cookie: cookies.pilot })
    const expert = connect(server, networkDoc, { cookie: cookies.expert })
    await Promise.all([synced(pilot), synced(expert)])
    for (const anchor of [1, 2, 3]) pilot.provider.awareness.setLocalStateField('cursor', { anchor })
    await expect.poll(() => expert.provider.awareness.getStates().get(pilot.doc.clientID)?.cursor).toEqual({ anchor: 3 })
    // The pilot's socket gets the expert's presence after anything the pilot's own presence set off.
    expert.provider.awareness.setLocalStateField('cursor', { anchor: 9 })
    await expect.poll(() => pilot.provider.awareness.getStates().get(expert.doc.clientID)?.cursor).toEqual({ anchor: 9 })
    const presenceTo = (frames: Uint8Array[]) => frames.flatMap(awarenessClients)
    expect(presenceTo(pilot.received)).toContain(expert.doc.clientID)
    expect(presenceTo(pilot.received)).not.toContain(pilot.doc.clientID)
    expect(presenceTo(expert.received)).toContain(pilot.doc.clientID)
    pilot.destroy()
    expert.destroy()
  })

  it('a socket speaks for one presence: a state it relays under another id is left out', async () => {
    const expert = connect(server, networkDoc, { cookie: cookies.expert })
    const third = connect(server, networkDoc, { cookie: cookies.secretariat })
    await Promise.all([synced(expert), synced(third)])
    expert.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    await expect.poll(() => third.provider.awareness.getStates().get(expert.doc.clientID)?.cursor).toEqual({ anchor: 3 })
    // A state under an id nobody holds (someone who left), as a stock client relays it.
    ;(expert.provider.ws as unknown as { send(d: Uint8Array): void }).send(presenceFrame(424_242, 1, { cursor: { anchor: 999 } }))
    // Handled in order on the expert's socket: once its next presence is seen, the relay has had its effect.
    expert.provider.awareness.setLocalStateField('cursor', { anchor: 8 })
    await expect.poll(() => third.provider.awareness.getStates().get(expert.doc.clientID)?.cursor).toEqual({ anchor: 8 })
    expect(third.provider.awareness.getStates().has(424_242)).toBe(false)
    expert.destroy()
    third.destroy()
  })

  it('one connection cannot speak for another’s presence', async () => {
    const pilot = connect(server, networkDoc, { cookie: cookies.pilot })
    const expert = connect(server, networkDoc, { cookie: cookies.expert })
    await Promise.all([synced(pilot), synced(expert)])
    pilot.provider.awareness.setLocalStateField('cursor', { anchor: 5 })
    await expect.poll(() => expert.provider.awareness.getStates().get(pilot.doc.clientID)?.cursor).toEqual({ anchor: 5 })
    // The expert's client forges an awareness entry under the pilot's client id, with a newer clock.
    ;(expert.provider.ws as unknown as { send(d: Uint8Array): void }).send(presenceFrame(pilot.doc.clientID, 10_000, { cursor: { anchor: 999 } }))
    const third = connect(server, networkDoc, { cookie: cookies.secretariat })
    await synced(third)
    // The expert's own next presence, on the same socket, is handled after the forgery: once the
    // third person sees it, the forgery has had whatever effect it could have.
    expert.provider.awareness.setLocalStateField('cursor', { anchor: 7 })
    await expect.poll(() => third.provider.awareness.getStates().get(expert.doc.clientID)?.cursor).toEqual({ anchor: 7 })
    expect(third.provider.awareness.getStates().get(pilot.doc.clientID)?.cursor).toEqual({ anchor: 5 })
    for (const c of [pilot, expert, third]) c.destroy()
  })

  it('removing someone’s role closes their open sockets; reconnecting is refused', async () => {
    // A funder of its own, whose role is taken back.
    const person = await buildPerson(server.deps.db, 'Fay Funder', [{ role: 'funder', on: world.network }])
    const cookie = await server.login(person.email)
    const people = (await server.api(cookies.secretariat, 'GET', `/api/networks/${world.network.id}`)).body.people as NetworkDetail['people']
    const funderGrant = people.find((p) => p.user.id === person.id)!.grantId
    const funder = connect(server, networkDoc, { cookie })
    await synced(funder)
    expect((await server.api(cookies.secretariat, 'DELETE', `/api/grants/${funderGrant}`)).status).toBe(204)
    await expect.poll(() => funder.closes.map((c) => c.code)).toContain(4403)
    funder.destroy()
    expect(await upgradeStatus(url(networkDoc), { cookie, origin: server.url })).toBe(403)
  })

  it('signing out closes the sockets opened with that session', async () => {
    const cookie = await server.login(world.people.expert.email)
    const expert = connect(server, networkDoc, { cookie })
    await synced(expert)
    expect((await server.api(cookie, 'POST', '/api/auth/logout', {})).status).toBe(204)
    await expect.poll(() => expert.closes.map((c) => c.code)).toContain(4401)
    expert.destroy()
  })

  it('a change of level (pilot becomes member) makes the stock provider reconnect at the new level', async () => {
    // A world of its own, whose pilot city stays a member.
    const own = await buildWorld(server.deps.db)
    const secretariat = await server.login(own.people.secretariat.email)
    const pilot = connect(server, own.documents.network.id, { cookie: await server.login(own.people.pilot.email) })
    await synced(pilot)
    try {
      expect((await server.api(secretariat, 'PATCH', `/api/networks/${own.network.id}/cities/${own.cities.pilot.id}`, { kind: 'member' })).status).toBe(200)
      await expect.poll(() => pilot.closes.map((c) => c.code)).toContain(4100)
      // Not a final close: the provider comes back by itself, now a suggester: a plain edit is refused.
      await expect.poll(() => pilot.provider.wsconnected, { timeout: 10_000 }).toBe(true)
      await synced(pilot)
      appendParagraph(pilot.doc, 'plus le droit d’écrire')
      await expect.poll(() => deniedReasons(pilot.received).some((r) => r.startsWith('suggestion refused: '))).toBe(true)
    } finally {
      pilot.destroy()
    }
  })
})
