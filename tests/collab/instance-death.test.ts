import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Db } from '../../server/db/db'
import { openDb } from '../../server/db/open'
import { createDatabase, freePort, launch, login, running, type Child } from '../helpers/child-server'
import { appendParagraph, docText, socketClass, stored as storedDocument } from '../helpers/collab'
import { buildWorld } from '../helpers/world'

/**
 * Two instances on one PostgreSQL and Redis, people typing on both; one instance is killed
 * (SIGKILL) mid-typing and its people reconnect to the other, as a load balancer sends them.
 * Whatever the survivor holds — its own writers' edits and those the dead instance relayed to it
 * before it could store them — must be in storage once everyone has left: reloaded from the
 * database, the document is whole (no update missing, nothing Yjs has to keep aside).
 */

const ROUNDS = 3
const TYPING_MS = 1_500
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Writer = { name: string; doc: Y.Doc; provider: WebsocketProvider; typed: number }

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('an instance killed mid-typing', () => {
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined
  let databaseUrl = ''
  let survivor: Child
  let cookie = ''
  let docId = ''
  const providers: WebsocketProvider[] = []

  const env = (port: number) => ({ PORT: String(port), DATABASE_URL: databaseUrl, REDIS_URL: process.env.REDIS_URL! })

  const open = (server: Child, doc: Y.Doc) => {
    const provider = new WebsocketProvider(server.wsUrl, docId, doc, {
      WebSocketPolyfill: socketClass({ cookie, origin: server.url }) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 300,
    })
    providers.push(provider)
    return provider
  }
  const writer = (server: Child, name: string): Writer => {
    const doc = new Y.Doc()
    return { name, doc, provider: open(server, doc), typed: 0 }
  }
  const synced = (p: WebsocketProvider) => new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', (s: boolean) => s && resolve())))

  /** The instances' database, opened here (not through an instance). */
  async function withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T> {
    const db = await openDb({ url: databaseUrl })
    try {
      return await use(db)
    } finally {
      await db.close()
    }
  }
  const stored = () => withDatabase((db) => storedDocument(db, docId))

  beforeAll(async () => {
    database = await createDatabase('atelier_death')
    databaseUrl = database.url
    const { people, documents } = await withDatabase(buildWorld)
    docId = documents.city.id
    survivor = await launch(env(await freePort()))
    cookie = await login(survivor.url, people.pilot.email)
  })

  afterAll(async () => {
    for (const p of providers) p.destroy()
    for (const child of [...running]) await child.crash()
    await database?.drop()
  })

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: after the kill, storage holds everything the survivor holds`, async () => {
      const doomed = await launch(env(await freePort()))
      const writers = [writer(survivor, 'a1'), writer(survivor, 'a2'), writer(doomed, 'b1'), writer(doomed, 'b2')]
      await Promise.all(writers.map((w) => synced(w.provider)))

      // Everyone adds a paragraph every few milliseconds at the end: later edits build on everyone’s earlier ones.
      let typing = true
      const loops = writers.map(async (w) => {
        while (typing) {
          appendParagraph(w.doc, `r${round}-${w.name}-${w.typed++}`)
          await sleep(15)
        }
      })
      await sleep(TYPING_MS)
      await doomed.crash()
      // The dead instance's people come back through the survivor, with what they hold.
      for (const w of writers.slice(2)) {
        w.provider.destroy()
        w.provider = open(survivor, w.doc)
      }
      await sleep(300)
      typing = false
      await Promise.all(loops)

      // Everyone converges on the survivor; then everyone leaves and it stores and unloads.
      const observer = new Y.Doc()
      const observing = open(survivor, observer)
      const markers = () =>
        new Set(
          docText(observer)
            .split('\n')
            .filter((l) => l.startsWith(`r${round}-`)),
        )
      const expected = writers.reduce((n, w) => n + w.typed, 0)
      await expect.poll(() => markers().size, { timeout: 60_000, interval: 200 }).toBe(expected)
      for (const w of writers) w.provider.destroy()
      observing.destroy()

      await expect
        .poll(
          async () => {
            const s = await stored()
            const missing = [...markers()].filter((m) => !s.text.includes(m)).length
            return { missing, whole: s.whole }
          },
          { timeout: 60_000, interval: 500 },
        )
        .toEqual({ missing: 0, whole: true })
    }, 180_000)
  }
})
