import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import type { WorkshopView } from '../../shared/api'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, cookiesOf, docText, startTestServer, synced, upgradeStatus, type TestClient, type TestServer } from '../helpers/collab'
import { buildPerson, buildWorld, type World } from '../helpers/world'

/** y-websocket's permission-denied message: [2 (auth), 0 (denied), reason]. */
const deniedReasons = (frames: Uint8Array[]) =>
  frames.flatMap((f) => {
    const d = decoding.createDecoder(f)
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return []
    return [decoding.readVarString(d)]
  })

/** The level the server gave a connection, as another connection sees it in its presence. */
async function levelOf(client: TestClient, seenBy: TestClient): Promise<unknown> {
  client.provider.awareness.setLocalStateField('cursor', { anchor: Math.floor(Math.random() * 1000) })
  await expect.poll(() => seenBy.provider.awareness.getStates().get(client.doc.clientID)?.user?.access).toBeDefined()
  return seenBy.provider.awareness.getStates().get(client.doc.clientID)!.user.access
}

/** Live connections to a workshop's documents follow who takes part, at once. */
describe.each(DRIVERS)('live connections to a workshop’s documents (%s)', (driver) => {
  let server: TestServer
  let world: World
  let cookies: Record<keyof World['people'], string>
  let workshop: WorkshopView
  let participants: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    cookies = await cookiesOf(server, world.people)
    const created = await server.api<WorkshopView>(cookies.secretariat, 'POST', `/api/networks/${world.network.id}/workshops`, {
      title: 'Atelier de Dakar',
      startsOn: '2027-03-09',
      endsOn: '2027-03-11',
    })
    expect(created.status).toBe(201)
    workshop = created.body
    participants = `/api/workshops/${workshop.id}/participants`
  })
  afterAll(() => server.stop())

  const url = (id: string) => `${server.wsUrl}/${id}`
  const addParticipant = async (body: object) => {
    const res = await server.api<WorkshopView>(cookies.secretariat, 'POST', participants, { funded: false, ...body })
    expect(res.status).toBe(201)
    return res.body.participants.at(-1)!.id
  }
  const removeParticipant = async (id: string) => expect((await server.api(cookies.secretariat, 'DELETE', `${participants}/${id}`)).status).toBe(204)

  it('a member city taking part writes a deliverable live; a member city not taking part only suggests', async () => {
    const rep = await addParticipant({ kind: 'city_representative', name: 'Max Member', cityId: world.cities.member.id })
    const deliverable = workshop.deliverables[0]!.id
    const member = connect(server, deliverable, { cookie: cookies.member })
    const other = connect(server, deliverable, { cookie: cookies.other })
    try {
      await Promise.all([synced(member), synced(other)])
      expect(await levelOf(member, other)).toBe('write')
      expect(await levelOf(other, member)).toBe('suggest')
      appendParagraph(member.doc, 'Proposition d’Abidjan')
      await expect.poll(() => docText(other.doc)).toContain('Proposition d’Abidjan')
      appendParagraph(other.doc, 'Tentative d’une ville absente')
      await expect.poll(() => deniedReasons(other.received).some((r) => r.startsWith('suggestion refused: '))).toBe(true)
      expect(deniedReasons(member.received)).toEqual([])
    } finally {
      member.destroy()
      other.destroy()
      await removeParticipant(rep)
    }
  })

  it('a guest writes live in the workshop’s documents only; removing them closes the connection, and reconnecting is refused', async () => {
    const guest = await buildPerson(server.deps.db, 'Gaby Guest')
    const id = await addParticipant({ kind: 'international_expert', userId: guest.id })
    const cookie = await server.login(guest.email)
    expect(await upgradeStatus(url(world.documents.network.id), { cookie, origin: server.url })).toBe(403)
    const connection = connect(server, workshop.agenda.id, { cookie })
    const secretariat = connect(server, workshop.agenda.id, { cookie: cookies.secretariat })
    try {
      await Promise.all([synced(connection), synced(secretariat)])
      expect(await levelOf(connection, secretariat)).toBe('write')
      // No role in the network: others see them as taking part in the workshop.
      expect(secretariat.provider.awareness.getStates().get(connection.doc.clientID)!.user).toMatchObject({ name: 'Gaby Guest', role: 'participant' })
      appendParagraph(connection.doc, 'Note de l’invitée')
      await expect.poll(() => docText(secretariat.doc)).toContain('Note de l’invitée')

      await removeParticipant(id)
      await expect.poll(() => connection.closes.map((c) => c.code)).toContain(4403)
    } finally {
      connection.destroy()
      secretariat.destroy()
    }
    expect(await upgradeStatus(url(workshop.agenda.id), { cookie, origin: server.url })).toBe(403)
  })

  it('adding a city’s representative raises its team’s open connection to write; removing the row brings it back to suggest', async () => {
    const deliverable = workshop.deliverables[1]!.id
    const other = connect(server, deliverable, { cookie: cookies.other })
    const secretariat = connect(server, deliverable, { cookie: cookies.secretariat })
    try {
      await Promise.all([synced(other), synced(secretariat)])
      expect(await levelOf(other, secretariat)).toBe('suggest')

      const rep = await addParticipant({ kind: 'city_representative', name: 'Olga Other', cityId: world.cities.other.id })
      // The level changed: the socket closes, and the stock provider comes back at the new level.
      await expect.poll(() => other.closes.map((c) => c.code)).toContain(4100)
      await expect.poll(() => other.provider.wsconnected, { timeout: 10_000 }).toBe(true)
      await synced(other)
      appendParagraph(other.doc, 'Maintenant participante')
      await expect.poll(() => docText(secretariat.doc)).toContain('Maintenant participante')

      const closesBefore = other.closes.length
      await removeParticipant(rep)
      await expect.poll(() => other.closes.length).toBeGreaterThan(closesBefore)
      expect(other.closes.at(-1)!.code).toBe(4100)
      await expect.poll(() => other.provider.wsconnected, { timeout: 10_000 }).toBe(true)
      await synced(other)
      appendParagraph(other.doc, 'Plus participante')
      await expect.poll(() => deniedReasons(other.received).some((r) => r.startsWith('suggestion refused: '))).toBe(true)
    } finally {
      other.destroy()
      secretariat.destroy()
    }
  })
})
