import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RoomExtensionFactory } from '../../server/collab/extension'
import { EditOrigin, FROM_PEER } from '../../server/collab/origins'
import { appendParagraph, connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import { storedDoc } from '../helpers/comments'
import { buildDocument, buildWorld, type Person, type World } from '../helpers/world'

/**
 * The live document's extension hooks, as an extension of its own sees them through a real
 * server: each change with where it came from, then at unload `onStop`, and `beforeUnload`
 * once every update is stored — with `extras` false when the server is stopping.
 */
describe('a live document’s extensions', () => {
  type Event = { documentId: string; hook: string; detail?: unknown; storedText?: string }
  const events: Event[] = []
  let server: TestServer
  let world: World
  let pilot: Person
  let cookie: string

  const recorder: RoomExtensionFactory = (doc) => ({
    onChange(_update, origin) {
      const from = origin instanceof EditOrigin ? `edit by ${origin.userId}` : origin === FROM_PEER ? 'peer' : String(origin)
      events.push({ documentId: doc.documentId, hook: 'onChange', detail: from })
    },
    onStop() {
      events.push({ documentId: doc.documentId, hook: 'onStop' })
    },
    async beforeUnload(extras) {
      // What storage holds when it is called: every update must be there already.
      const storedText = docText(await storedDoc(server.deps.db, doc.documentId))
      events.push({ documentId: doc.documentId, hook: 'beforeUnload', detail: extras, storedText })
    },
  })

  beforeAll(async () => {
    server = await startTestServer('pglite', { extensions: [recorder] })
    world = await buildWorld(server.deps.db)
    pilot = world.people.pilot
    cookie = await server.login(pilot.email)
  })
  afterAll(() => server.stop())

  /** The events of one document, so that each test sees only its own. */
  const of = (documentId: string, hook: string) => events.filter((e) => e.documentId === documentId && e.hook === hook)

  it('sees a writer’s edit with its author, then stops, then unloads with every update stored', async () => {
    const planId = world.documents.city.id
    const client = connect(server, planId, { cookie })
    await synced(client)
    appendParagraph(client.doc, 'vu par l’extension')
    await expect.poll(() => of(planId, 'onChange').map((e) => e.detail)).toContain(`edit by ${pilot.id}`)
    expect(of(planId, 'onStop')).toEqual([])
    client.destroy()

    await expect.poll(() => of(planId, 'beforeUnload').length, { timeout: 10_000 }).toBe(1)
    const order = events.filter((e) => e.documentId === planId).map((e) => e.hook)
    expect(order.indexOf('onStop')).toBeLessThan(order.indexOf('beforeUnload'))
    expect(of(planId, 'beforeUnload')[0]).toMatchObject({ detail: true, storedText: expect.stringContaining('vu par l’extension') })
  })

  // It stops the server: the file's last test.
  it('when the server stops, unloads without extras, after storing what was typed', async () => {
    const { id } = await buildDocument(server.deps.db, world.cities.pilot, { kind: 'action_plan', by: pilot })
    const client = connect(server, id, { cookie })
    await synced(client)
    appendParagraph(client.doc, 'juste avant l’arrêt')
    await expect.poll(() => of(id, 'onChange').map((e) => e.detail)).toContain(`edit by ${pilot.id}`)
    await server.deps.hub.shutdown()
    const last = of(id, 'beforeUnload').at(-1)!
    expect(last).toMatchObject({ detail: false, storedText: expect.stringContaining('juste avant l’arrêt') })
    client.destroy()
  })
})
