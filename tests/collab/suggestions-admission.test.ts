import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import { CLOSE_SUGGESTION_REFUSED } from '../../shared/collab'
import type { RoomExtensionFactory } from '../../server/collab/extension'
import { EditOrigin } from '../../server/collab/origins'
import { appendParagraph, connect, cookiesOf, docText, startTestServer, stored, synced, type TestServer } from '../helpers/collab'
import { buildWorld, type World } from '../helpers/world'

const deniedReasons = (frames: Uint8Array[]) =>
  frames.flatMap((f) => {
    const d = decoding.createDecoder(f)
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return []
    return [decoding.readVarString(d)]
  })

/**
 * The admission hook (RoomExtension.admit), with an extension of its own that refuses every
 * update of one person: the update is applied nowhere — not in the document, not to the other
 * extensions, not in storage — the extensions after it are not asked, and the sender is told
 * why and closed with 4101.
 */
describe('an extension may refuse a client’s update before it is applied', () => {
  let server: TestServer
  let world: World
  let cookies: Record<'pilot' | 'secretariat', string>
  let refusedUser = ''
  const heard: { hook: string; extension: string; userId?: string }[] = []

  const refuser: RoomExtensionFactory = () => ({
    admit(_update, origin) {
      heard.push({ hook: 'admit', extension: 'refuser', userId: origin.userId })
      return origin.userId === refusedUser ? 'not from you today' : null
    },
    onChange(_update, origin) {
      if (origin instanceof EditOrigin) heard.push({ hook: 'onChange', extension: 'refuser', userId: origin.userId })
    },
  })
  const after: RoomExtensionFactory = () => ({
    admit(_update, origin) {
      heard.push({ hook: 'admit', extension: 'after', userId: origin.userId })
      return null
    },
  })

  beforeAll(async () => {
    server = await startTestServer('pglite', { extensions: [refuser, after] })
    world = await buildWorld(server.deps.db)
    cookies = await cookiesOf(server, { pilot: world.people.pilot, secretariat: world.people.secretariat })
  })
  afterAll(() => server.stop())

  it('refuses it whole: nobody sees it, nothing hears of it, storage never has it', async () => {
    const planId = world.documents.city.id
    refusedUser = world.people.pilot.id
    const refused = connect(server, planId, { cookie: cookies.pilot })
    const other = connect(server, planId, { cookie: cookies.secretariat })
    await Promise.all([synced(refused), synced(other)])
    const before = docText(other.doc)

    appendParagraph(refused.doc, 'Refusé par une extension')
    await expect.poll(() => refused.closes.map((c) => c.code)).toContain(CLOSE_SUGGESTION_REFUSED)
    refused.destroy()
    expect(deniedReasons(refused.received)[0]).toBe('not from you today')
    const pilotHeard = heard.filter((h) => h.userId === world.people.pilot.id)
    expect(pilotHeard.map((h) => `${h.extension} ${h.hook}`)).toContain('refuser admit')
    expect(pilotHeard.map((h) => `${h.extension} ${h.hook}`)).not.toContain('after admit')
    expect(pilotHeard.map((h) => h.hook)).not.toContain('onChange')

    // The others' updates go through, asked of every extension in order (their empty sync reply
    // was asked too), and are stored.
    appendParagraph(other.doc, 'Accepté')
    await expect.poll(() => heard.filter((h) => h.hook === 'onChange' && h.userId === world.people.secretariat.id).length).toBe(1)
    expect(
      heard
        .filter((h) => h.userId === world.people.secretariat.id)
        .map((h) => `${h.extension} ${h.hook}`)
        .slice(-3),
    ).toEqual(['refuser admit', 'after admit', 'refuser onChange'])
    const newcomer = connect(server, planId, { cookie: cookies.secretariat })
    await synced(newcomer)
    expect(docText(newcomer.doc)).toBe(`${before}\nAccepté`)
    await expect.poll(async () => (await stored(server.deps.db, planId)).text).toBe(`${before}\nAccepté`)
    for (const c of [other, newcomer]) c.destroy()
  })
})
