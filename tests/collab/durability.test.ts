import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadState } from '../../server/data/live-documents'
import type { Db } from '../../server/db/db'
import { openDb } from '../../server/db/open'
import { appendParagraph, connect, docText, synced, type TestClient } from '../helpers/collab'
import { DRIVERS, type Driver } from '../helpers/db'
import { createDatabase, freePort, launch, login, running } from '../helpers/child-server'
import { buildDocument, buildWorld, type Person } from '../helpers/world'

/**
 * Durability of live edits across a crash: the compiled server (`node dist/server/main.js`, as
 * `npm start` and the Dockerfile run it) in a child process, killed with SIGKILL while people type, restarted on
 * the same port and the same data. The contract: the edits of a writer who left at least one
 * second before the kill are stored; the people still connected reconnect on their own and
 * everyone converges. And SIGTERM stores what is pending before the process exits.
 */

/** The promise is "a writer who left ≥ 1 s before the kill": wait a little more than that. */
const DURABLE_AFTER_MS = 1_200

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const paragraphs = (text: string) => new Set(text.split('\n'))

describe.each(DRIVERS)('durability of live edits across a crash of the server process (%s)', (driver: Driver) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-durability-'))
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined
  let childDatabaseUrl = ''
  let port = 0
  const clients: TestClient[] = []
  /** The typing loop of the crash test; stopped in afterAll too, should that test fail midway. */
  let typing = false
  /** Who types: the network's secretariat and a member of the pilot city's team. */
  let people: { secretariat: Person; pilot: Person }
  /** One action plan of the pilot city for each test. */
  let plans: { crash: string; stop: string }

  const env = () => ({ PORT: String(port), ATELIER_DATA_DIR: dataDir, DATABASE_URL: childDatabaseUrl })
  const client = (c: TestClient) => (clients.push(c), c)

  /**
   * The servers' database, opened here (not through a server). On PGlite only while no server
   * runs: the embedded database belongs to one process at a time.
   */
  async function withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T> {
    const db = await openDb(driver === 'postgres' ? { url: childDatabaseUrl } : { dataDir })
    try {
      return await use(db)
    } finally {
      await db.close()
    }
  }

  /** What the database holds for a document, replayed, read directly. */
  const storedText = (docId: string) =>
    withDatabase(async (db) => {
      const stored = await loadState(db, docId)
      const replay = new Y.Doc()
      if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot)
      for (const u of stored.updates) Y.applyUpdate(replay, u)
      return docText(replay)
    })

  beforeAll(async () => {
    port = await freePort()
    if (driver === 'postgres') {
      database = await createDatabase('atelier_durability')
      childDatabaseUrl = database.url
    }
    // Built before any server starts.
    await withDatabase(async (db) => {
      const world = await buildWorld(db)
      people = world.people
      const stop = await buildDocument(db, world.cities.pilot, { kind: 'action_plan', by: world.people.pilot })
      plans = { crash: world.documents.city.id, stop: stop.id }
    })
  })

  afterAll(async () => {
    typing = false
    for (const c of clients) c.destroy()
    for (const child of [...running]) await child.crash()
    rmSync(dataDir, { recursive: true, force: true })
    await database?.drop()
  })

  it('SIGKILL while people type: a writer who left ≥ 1 s before is stored; the others reconnect and converge', async () => {
    let server = await launch(env())
    const secretariat = await login(server.url, people.secretariat.email)
    const pilot = await login(server.url, people.pilot.email)
    const planId = plans.crash

    // A and B stay connected and keep typing, through the crash and the restart.
    const a = client(connect(server, planId, { cookie: secretariat }))
    const b = client(connect(server, planId, { cookie: pilot }))
    await Promise.all([synced(a), synced(b)])
    let n = 0
    typing = true
    const typist = (async () => {
      while (typing) {
        n++
        appendParagraph(a.doc, `A-${n} — tapé par le secrétariat`)
        appendParagraph(b.doc, `B-${n} — tapé par la ville pilote`)
        await sleep(25)
      }
    })()

    // W types several paragraphs, sees them reach the others, and leaves.
    const w = client(connect(server, planId, { cookie: pilot }))
    await synced(w)
    const byW = Array.from({ length: 6 }, (_, i) => `W-${i + 1} — écrit avant la panne par ${randomBytes(4).toString('hex')}`)
    for (const p of byW) {
      appendParagraph(w.doc, p)
      await sleep(40)
    }
    await expect.poll(() => byW.every((p) => paragraphs(a.text()).has(p)), { timeout: 30_000 }).toBe(true)
    w.destroy()
    await sleep(DURABLE_AFTER_MS)

    const typedBeforeCrash = n
    await server.crash()
    // A and B noticed (their sockets dropped) and are retrying.
    await expect.poll(() => a.closes.length > 0 && b.closes.length > 0 && !a.provider.synced && !b.provider.synced).toBe(true)

    // The database itself, read while nothing runs: W's paragraphs are all there.
    const stored = paragraphs(await storedText(planId))
    expect(byW.filter((p) => !stored.has(p))).toEqual([])

    server = await launch(env())
    // A fresh reader also finds them. (A and B hold them too and may already have sent them
    // back; the direct read above is what proves they were stored.)
    const c = client(connect(server, planId, { cookie: secretariat }))
    await synced(c)
    expect(byW.filter((p) => !paragraphs(c.text()).has(p))).toEqual([])

    // A and B are the same provider objects: they reconnect by themselves and keep typing a little.
    await expect.poll(() => a.provider.synced && b.provider.synced, { timeout: 60_000, interval: 100 }).toBe(true)
    const atReconnect = n
    await expect.poll(() => n, { timeout: 30_000 }).toBeGreaterThan(atReconnect + 10)
    typing = false
    await typist
    const total = n

    const expected = [
      ...byW,
      ...Array.from({ length: total }, (_, i) => `A-${i + 1} — tapé par le secrétariat`),
      ...Array.from({ length: total }, (_, i) => `B-${i + 1} — tapé par la ville pilote`),
    ]
    await expect
      .poll(() => a.text() === b.text() && b.text() === c.text() && expected.every((p) => paragraphs(c.text()).has(p)), {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true)
    const final = c.text()
    console.log(`[durability ${driver}] ${total} paragraphs each from A and B (${typedBeforeCrash} before the crash, ${atReconnect} by the reconnection)`)

    // Everyone is told « saved » and leaves; the server crashes again: the database holds exactly
    // what everyone converged to. (Asked, not waited for: a busy machine may take longer than a
    // second to store the last paragraphs typed.)
    await Promise.all([a, b, c].map((x) => x.saved()))
    for (const x of [a, b, c]) x.destroy()
    await server.crash()
    expect(await storedText(planId)).toBe(final)
  }, 300_000)

  it('SIGTERM right after a writer types: the pending edit is stored, the process exits 0, and it is there after a restart', async () => {
    let server = await launch(env())
    const secretariat = await login(server.url, people.secretariat.email)
    const pilot = await login(server.url, people.pilot.email)
    const planId = plans.stop
    const w = client(connect(server, planId, { cookie: pilot }))
    const b = client(connect(server, planId, { cookie: secretariat }))
    await Promise.all([synced(w), synced(b)])

    // Seen by B: the server has it (in its 100 ms write queue, most likely). Then at once SIGTERM.
    const seen = `Reçu juste avant l’arrêt ${randomBytes(4).toString('hex')}`
    appendParagraph(w.doc, seen)
    await expect.poll(() => paragraphs(b.text()).has(seen), { timeout: 30_000, interval: 5 }).toBe(true)
    // And one more with no wait at all: it may still be in flight when the signal lands.
    const inFlight = `Tapé au moment du signal ${randomBytes(4).toString('hex')}`
    appendParagraph(w.doc, inFlight)
    const code = await server.terminate()
    expect(code).toBe(0)
    expect(server.output()).toContain('shutting down')
    w.destroy()
    b.destroy()

    const stored = paragraphs(await storedText(planId))
    expect(stored.has(seen)).toBe(true)
    console.log(`[durability ${driver}] the paragraph typed as SIGTERM was sent: ${stored.has(inFlight) ? 'stored' : 'NOT stored (it was still in flight)'}`)

    server = await launch(env())
    const c = client(connect(server, planId, { cookie: secretariat }))
    await synced(c)
    expect(paragraphs(c.text()).has(seen)).toBe(true)
    c.destroy()
    expect(await server.terminate()).toBe(0)
  }, 300_000)
})
