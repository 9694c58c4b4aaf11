import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as Y from 'yjs'
import { loadState } from '../../server/data/live-documents'
import { DRIVERS } from '../helpers/db'
import { connect, docText, startTestServer, synced, type TestClient, type TestServer } from '../helpers/collab'
import { buildWorld } from '../helpers/world'

/** One editing step, in the shape the Tiptap editor produces. */
type Op =
  | { kind: 'type'; paragraph: number; offset: number; text: string }
  | { kind: 'erase'; paragraph: number; offset: number; length: number }
  | { kind: 'paragraph'; at: number; text: string }
  | { kind: 'remove-paragraph'; at: number }
  | { kind: 'bold'; paragraph: number; offset: number; length: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('type' as const), paragraph: fc.nat(), offset: fc.nat(), text: fc.string({ minLength: 1, maxLength: 6 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('erase' as const), paragraph: fc.nat(), offset: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-paragraph' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bold' as const), paragraph: fc.nat(), offset: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }) },
)

function apply(doc: Y.Doc, o: Op): void {
  const fragment = doc.getXmlFragment('default')
  const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph')
  const textOf = (i: number) => {
    const p = paragraphs[i % Math.max(1, paragraphs.length)]
    if (!p) return null
    if (p.length === 0) p.insert(0, [new Y.XmlText()])
    return p.get(0) as Y.XmlText
  }
  switch (o.kind) {
    case 'type': {
      const t = textOf(o.paragraph)
      if (t) t.insert(o.offset % (t.length + 1), o.text)
      break
    }
    case 'erase': {
      const t = textOf(o.paragraph)
      if (t && t.length > 0) {
        const at = o.offset % t.length
        t.delete(at, Math.min(o.length, t.length - at))
      }
      break
    }
    case 'bold': {
      const t = textOf(o.paragraph)
      if (t && t.length > 0) {
        const at = o.offset % t.length
        t.format(at, Math.min(o.length, t.length - at), { bold: {} })
      }
      break
    }
    case 'paragraph': {
      const p = new Y.XmlElement('paragraph')
      if (o.text) p.insert(0, [new Y.XmlText(o.text)])
      fragment.insert(o.at % (fragment.length + 1), [p])
      break
    }
    case 'remove-paragraph':
      if (fragment.length > 1) fragment.delete(o.at % fragment.length, 1)
      break
  }
}

const CLIENTS = 4

describe.each(DRIVERS)('convergence under random concurrent edits (%s)', (driver) => {
  let server: TestServer
  let cookie: string
  let networkId: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    const world = await buildWorld(server.deps.db)
    cookie = await server.login(world.people.secretariat.email)
    networkId = world.network.id
  })
  afterAll(() => server.stop())

  it('every client ends with the same document, and the stored state equals it', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 5, maxLength: 25 }), { minLength: CLIENTS, maxLength: CLIENTS }), async (scripts) => {
        const created = await server.api(cookie, 'POST', '/api/documents', {
          space: { type: 'network', id: networkId },
          kind: 'experimentation_log',
          title: `propriété ${++run}`,
        })
        const id = created.body.id as string
        const clients: TestClient[] = []
        try {
          for (let i = 0; i < CLIENTS; i++) clients.push(connect(server, id, { token: await server.token(cookie, id) }))
          await Promise.all(clients.map(synced))
          // Interleave the scripts in small bursts so edits cross on the wire.
          const longest = Math.max(...scripts.map((s) => s.length))
          for (let step = 0; step < longest; step += 3) {
            clients.forEach((c, i) => scripts[i]!.slice(step, step + 3).forEach((o) => apply(c.doc, o)))
            await new Promise((r) => setImmediate(r))
          }
          const states = () => clients.map((c) => c.doc.getXmlFragment('default').toJSON())
          await expect.poll(() => new Set(states()).size, { timeout: 20_000 }).toBe(1)
          const expected = docText(clients[0]!.doc)
          const expectedXml = states()[0]
          await expect
            .poll(
              async () => {
                const stored = await loadState(server.deps.db, id)
                const replay = new Y.Doc()
                if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot)
                for (const u of stored.updates) Y.applyUpdate(replay, u)
                return replay.getXmlFragment('default').toJSON()
              },
              { timeout: 20_000 },
            )
            .toBe(expectedXml)
          expect(docText(clients[1]!.doc)).toBe(expected)
        } finally {
          clients.forEach((c) => c.destroy())
        }
      }),
      { numRuns: 6 },
    )
  })
})
