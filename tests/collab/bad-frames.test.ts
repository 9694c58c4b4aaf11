import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { appendParagraph, connect, rawSocket, startTestServer, synced, type TestServer } from '../helpers/collab'
import { buildDocument, buildWorld } from '../helpers/world'

/** Frames a hostile or broken client might send. Each closes only that socket; the rest carry on. */
const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}
const BAD_FRAMES: [string, Uint8Array, number][] = [
  ['random bytes', new Uint8Array(randomBytes(200)), 1002],
  ['an unknown message type', frame((e) => encoding.writeVarUint(e, 99)), 1002],
  [
    'an unknown sync message',
    frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 7)
      encoding.writeVarUint8Array(e, new Uint8Array(3))
    }),
    1002,
  ],
  [
    'a truncated update (length says 1000, 3 bytes follow)',
    frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint(e, 1000)
      encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]))
    }),
    1002,
  ],
  [
    'an update that is not a Yjs update',
    frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, new Uint8Array(randomBytes(64)))
    }),
    1002,
  ],
  [
    'a malformed state vector',
    frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, new Uint8Array([200, 200, 200]))
    }),
    1002,
  ],
  [
    'awareness that is not JSON',
    frame((e) => {
      encoding.writeVarUint(e, 1)
      const u = encoding.createEncoder()
      encoding.writeVarUint(u, 1)
      encoding.writeVarUint(u, 42)
      encoding.writeVarUint(u, 1)
      encoding.writeVarString(u, '{not json')
      encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
    }),
    1002,
  ],
  ['a saved-confirmation request without its id', frame((e) => encoding.writeVarUint(e, 8)), 1002],
  [
    'trailing garbage after a valid message',
    frame((e) => {
      encoding.writeVarUint(e, 3)
      encoding.writeUint8Array(e, new Uint8Array([9, 9, 9]))
    }),
    1002,
  ],
  ['an empty frame', new Uint8Array(0), 1002],
  [
    'an update whose item claims a later item of its own client as its origin',
    frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      const u = encoding.createEncoder()
      // One client (7), one struct at clock 0: a string item whose origin is (7, 5).
      encoding.writeVarUint(u, 1)
      encoding.writeVarUint(u, 1)
      encoding.writeVarUint(u, 7)
      encoding.writeVarUint(u, 0)
      encoding.writeUint8(u, 0x80 | 4)
      encoding.writeVarUint(u, 7)
      encoding.writeVarUint(u, 5)
      encoding.writeVarString(u, 'x')
      encoding.writeVarUint(u, 0)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
    }),
    1002,
  ],
]

/** A member of a pilot city's team, signed in, and the city's action plan. */
async function pilotAndPlan(server: TestServer) {
  const { people, documents } = await buildWorld(server.deps.db)
  return { cookie: await server.login(people.pilot.email), plan: documents.city.id, pilot: people.pilot, city: documents.city.space }
}

describe('malformed and oversized frames', () => {
  let server: TestServer
  let cookie: string
  let planId: string
  let otherId: string

  beforeAll(async () => {
    server = await startTestServer('pglite', { env: { ATELIER_MAX_MESSAGE_BYTES: String(64 * 1024) } })
    const built = await pilotAndPlan(server)
    cookie = built.cookie
    planId = built.plan
    otherId = (await buildDocument(server.deps.db, built.city, { kind: 'experimentation_log', by: built.pilot })).id
  })
  afterAll(() => server.stop())

  for (const [what, data, code] of BAD_FRAMES) {
    it(`${what}: that socket is closed with ${code}; the same document and others keep working`, async () => {
      const bystander = connect(server, planId, { cookie })
      const elsewhere = connect(server, otherId, { cookie })
      await Promise.all([synced(bystander), synced(elsewhere)])

      const bad = rawSocket(`${server.wsUrl}/${planId}`, { cookie, origin: server.url })
      await bad.opened
      bad.ws.send(data)
      expect((await bad.closed).code).toBe(code)

      const witness = connect(server, planId, { cookie })
      await synced(witness)
      const marker = `après ${what}`
      appendParagraph(bystander.doc, marker)
      await expect.poll(() => witness.text()).toContain(marker)
      appendParagraph(elsewhere.doc, marker)
      const otherWitness = connect(server, otherId, { cookie })
      await expect.poll(() => otherWitness.text()).toContain(marker)
      for (const c of [bystander, elsewhere, witness, otherWitness]) c.destroy()
    })
  }

  it('presence nested 200,000 levels deep is malformed input: 1002, nothing logged as a server error', async () => {
    const roomy = await startTestServer('pglite')
    try {
      const { cookie: c, plan: id } = await pilotAndPlan(roomy)
      const errors: string[] = []
      const logError = roomy.deps.logger.error.bind(roomy.deps.logger)
      roomy.deps.logger.error = ((...args: Parameters<typeof logError>) => {
        errors.push(JSON.stringify(args[0]))
        return logError(...args)
      }) as typeof logError
      const bad = rawSocket(`${roomy.wsUrl}/${id}`, { cookie: c, origin: roomy.url })
      await bad.opened
      const depth = 200_000
      bad.ws.send(
        frame((e) => {
          encoding.writeVarUint(e, 1)
          const u = encoding.createEncoder()
          encoding.writeVarUint(u, 1)
          encoding.writeVarUint(u, 42)
          encoding.writeVarUint(u, 1)
          encoding.writeVarString(u, `{"cursor":${'['.repeat(depth)}${']'.repeat(depth)}}`)
          encoding.writeVarUint8Array(e, encoding.toUint8Array(u))
        }),
      )
      expect((await bad.closed).code).toBe(1002)
      const witness = connect(roomy, id, { cookie: c })
      await synced(witness)
      witness.destroy()
      expect(errors).toEqual([])
    } finally {
      await roomy.stop()
    }
  })

  it('a text frame is refused (the protocol is binary)', async () => {
    const bad = rawSocket(`${server.wsUrl}/${planId}`, { cookie, origin: server.url })
    await bad.opened
    bad.ws.send('hello')
    expect((await bad.closed).code).toBe(1002)
  })

  it('a message over the size limit closes that socket with 1009, and the document is unchanged', async () => {
    const witness = connect(server, planId, { cookie })
    await synced(witness)
    const before = witness.text()
    const big = connect(server, planId, { cookie })
    await synced(big)
    appendParagraph(big.doc, 'x'.repeat(100 * 1024))
    await expect.poll(() => big.closes.map((c) => c.code)).toContain(1009)
    big.destroy()
    const fresh = connect(server, planId, { cookie })
    await synced(fresh)
    expect(fresh.text()).toBe(before)
    witness.destroy()
    fresh.destroy()
  })

  it('a document cannot grow past its maximum size', async () => {
    const small = await startTestServer('pglite', { env: { ATELIER_MAX_DOCUMENT_BYTES: String(8 * 1024) } })
    try {
      const { cookie: c, plan: id } = await pilotAndPlan(small)
      const writer = connect(small, id, { cookie: c })
      await synced(writer)
      for (let i = 0; i < 10; i++) appendParagraph(writer.doc, `${i} ${'y'.repeat(1000)}`)
      await expect.poll(() => writer.closes.map((x) => x.code)).toContain(4413)
      writer.destroy()
      const reader = connect(small, id, { cookie: c })
      await synced(reader)
      expect(reader.text().length).toBeLessThan(9 * 1024)
      reader.destroy()
    } finally {
      await small.stop()
    }
  })

  it('refuses connections beyond the per-document limit with 503', async () => {
    const tiny = await startTestServer('pglite', { env: { ATELIER_MAX_CONNECTIONS_PER_DOCUMENT: '2' } })
    try {
      const { cookie: c, plan: id } = await pilotAndPlan(tiny)
      const a = connect(tiny, id, { cookie: c })
      const b = connect(tiny, id, { cookie: c })
      await Promise.all([synced(a), synced(b)])
      const { upgradeStatus } = await import('../helpers/collab')
      expect(await upgradeStatus(`${tiny.wsUrl}/${id}`, { cookie: c, origin: tiny.url })).toBe(503)
      a.destroy()
      b.destroy()
    } finally {
      await tiny.stop()
    }
  })
})
