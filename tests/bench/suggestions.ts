import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { Connection } from '../../server/collab/connection'
import type { LiveDocument } from '../../server/collab/extension'
import { suggestionGuard } from '../../server/collab/extensions/suggestion-guard'
import type { PmNode } from '../../shared/content'
import { FRAGMENT } from '../../shared/collab'
import { cookiesOf, socketClass, startTestServer } from '../helpers/collab'
import { Editing, docJson, paragraph, setContent, text } from '../helpers/suggesting'
import { buildDocument, buildWorld } from '../helpers/world'
import { summarize, type Summary } from './measure'
import { settleUpdate, type SuggestionChoice } from '../../server/content/settle'
import type { Decision } from '../../shared/suggestions'

/**
 * The suggestion guard's figures of `npm run bench` (server/collab/extensions/suggestion-guard.ts):
 *  - its cost per suggested keystroke, in this process: a suggester types words in a small
 *    document (a page) and a large one (1,500 paragraphs, with other people's suggestions
 *    pending in it); each keystroke's update, made as the editor makes it, is timed through the
 *    guard's admission (shadow copy + check), then applied;
 *  - a hostile suggester: a test server in this process, one writer typing 5 keystrokes a
 *    second in one document (its latency to a second writer is measured) while a suggester
 *    floods another document: updates over the size limit (refused unread), large unmarked
 *    pastes (checked, then refused: every refusal also drops the shadow, remade at the next
 *    update), or large well-made suggestions (checked and accepted). The server, the writers and
 *    the suggester share this process's event loop, so latencies include the bench's own work.
 *   BENCH_SUGGESTION_SECONDS=5   duration of each flood phase
 *   DATABASE_URL                 PostgreSQL for the test server; otherwise PGlite
 */

const KEYSTROKES = 300
const PHASE_SECONDS = Number(process.env.BENCH_SUGGESTION_SECONDS ?? 5)
const WRITER_EDITS_PER_SECOND = 5
const AUTHOR = 'bench-suggester'
const OTHER = 'bench-other-suggester'

export type SuggestionBench = {
  keystroke: { small: Summary | null; large: Summary | null; upkeepLarge: Summary | null; table: Summary | null }
  settling: { name: string; settled: number; ms: number }[]
  flood: { name: string; sent: number; refused: number; writer: Summary | null }[]
}

const sentence = (i: number) => `Paragraph ${i}: the city plans a new public square near the market, with trees and benches.`

/** A document of `count` paragraphs; every 30th holds someone else's pending insertion. */
function contentOf(count: number): PmNode {
  const createdAt = new Date().toISOString()
  return docJson(
    ...Array.from({ length: count }, (_, i) =>
      i % 30 === 15
        ? paragraph(text(sentence(i)), text(' (proposed)', [{ type: 'insertion', attrs: { id: `other-${i}`, authorId: OTHER, createdAt } }]))
        : paragraph(text(sentence(i))),
    ),
  )
}

/** What the guard sees as a suggester's connection: only its class, access and user id matter to it. */
function suggesterOrigin(): Connection {
  return Object.assign(Object.create(Connection.prototype) as Connection, { access: 'suggest', userId: AUTHOR })
}

/** A table of `rows` rows (three cells each), the row n's middle cell reading `Paragraph n: …`. */
function tableOf(rows: number): PmNode {
  const cell = (words: string): PmNode => ({ type: 'tableCell', content: [paragraph(text(words))] })
  return docJson({
    type: 'table',
    content: Array.from({ length: rows }, (_, i) => ({ type: 'tableRow', content: [cell(`Action ${i}`), cell(sentence(i)), cell(`Porteur ${i}`)] })),
  })
}

async function keystrokes(paragraphs: number, content = contentOf(paragraphs)): Promise<{ admit: Summary | null; upkeep: Summary | null }> {
  const live = new Y.Doc()
  setContent(live, content)
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  const editing = new Editing(copy, AUTHOR)
  const guard = suggestionGuard({ doc: live } as unknown as LiveDocument)
  const origin = suggesterOrigin()
  const admit: number[] = []
  const upkeep: number[] = []
  const word = 'green '
  for (let i = 0; i < KEYSTROKES; i++) {
    // Words typed in a few paragraphs spread over the document, a letter at a time.
    const block = Math.floor(i / 30) * Math.max(1, Math.floor(paragraphs / 10))
    const letter = word[i % word.length]!
    const before = Y.encodeStateVector(copy)
    editing.suggest((tr, find) => tr.insertText(letter, find(`Paragraph ${block}:`) + `Paragraph ${block}:`.length + (i % 30)))
    const update = Y.encodeStateAsUpdate(copy, before)
    let started = performance.now()
    const refusal = guard.admit!(update, origin)
    admit.push((performance.now() - started) * 1000)
    if (refusal !== null) throw new Error(`the guard refused a keystroke: ${String(refusal)}`)
    Y.applyUpdate(live, update)
    started = performance.now()
    guard.onChange!(update, origin)
    upkeep.push((performance.now() - started) * 1000)
  }
  guard.onStop!()
  return { admit: summarize(admit.slice(10)), upkeep: summarize(upkeep.slice(10)) }
}

const frame = (update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

/** A new paragraph at the top of the document, of about `bytes`, its text carrying `attributes`. */
function newParagraph(bytes: number, attributes?: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc()
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  p.insert(0, [t])
  doc.getXmlFragment(FRAGMENT).insert(0, [p])
  t.insert(0, 'x'.repeat(bytes), attributes)
  return Y.encodeStateAsUpdate(doc)
}

/**
 * Settling many at once, as the document thread does it (server/content/settle.ts): a large
 * document with a suggestion in every fifth paragraph, from two authors.
 */
function settling(): SuggestionBench['settling'] {
  const createdAt = new Date().toISOString()
  const live = new Y.Doc()
  setContent(
    live,
    docJson(
      ...Array.from({ length: 1500 }, (_, i) =>
        i % 5 === 0
          ? paragraph(
              text(sentence(i)),
              text(' (proposed)', [{ type: 'insertion', attrs: { id: `s-${i}`, authorId: i % 10 === 0 ? AUTHOR : OTHER, createdAt } }]),
            )
          : paragraph(text(sentence(i))),
      ),
    ),
  )
  const timed = (name: string, decision: Decision, choice: SuggestionChoice) => {
    const started = performance.now()
    const { settled } = settleUpdate(live, decision, choice)
    return { name, settled, ms: performance.now() - started }
  }
  return [
    timed('accept all', 'accept', { all: true }),
    timed('reject all of one author', 'reject', { all: true, authorId: AUTHOR }),
    timed('accept one', 'accept', { ids: ['s-750'] }),
  ]
}

export async function benchSuggestions(): Promise<SuggestionBench> {
  const small = await keystrokes(10)
  const large = await keystrokes(1500)
  const table = await keystrokes(3000, tableOf(3000))
  const settled = settling()
  const driver = process.env.DATABASE_URL ? 'postgres' : 'pglite'
  const server = await startTestServer(driver)
  try {
    const world = await buildWorld(server.deps.db)
    const cookies = await cookiesOf(server, { secretariat: world.people.secretariat, expert: world.people.expert })
    const flooded = await buildDocument(server.deps.db, world.network, { by: world.people.secretariat })
    const typed = await buildDocument(server.deps.db, world.network, { by: world.people.secretariat })
    const headers = (cookie: string) => ({ cookie, origin: server.url })
    const provider = (id: string, doc: Y.Doc) =>
      new WebsocketProvider(server.wsUrl, id, doc, {
        WebSocketPolyfill: socketClass(headers(cookies.secretariat)) as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      })
    const synced = (p: WebsocketProvider) => new Promise<void>((resolve) => (p.synced ? resolve() : p.once('sync', () => resolve())))

    // The writer's document, and the one the suggester floods (its content, as the suggester's copy).
    const typer = new Y.Doc()
    const watcher = new Y.Doc()
    const floodedCopy = new Y.Doc()
    const providers = [provider(typed.id, typer), provider(typed.id, watcher), provider(flooded.id, floodedCopy)]
    await Promise.all(providers.map(synced))
    setContent(floodedCopy, contentOf(200))
    await new Promise((resolve) => setTimeout(resolve, 500))
    providers[2]!.destroy()

    const latencies: number[] = []
    const sentAt = new Map<number, number>()
    watcher.on('update', (update: Uint8Array) => {
      const clock = Y.parseUpdateMeta(update).to.get(typer.clientID)
      if (clock === undefined) return
      for (const [c, at] of sentAt) {
        if (c > clock) continue
        latencies.push(performance.now() - at)
        sentAt.delete(c)
      }
    })
    const typing = setInterval(() => {
      const fragment = typer.getXmlFragment(FRAGMENT)
      typer.transact(() => {
        if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')])
        const p = fragment.get(0) as Y.XmlElement
        if (p.length === 0) p.insert(0, [new Y.XmlText()])
        const t = p.get(0) as Y.XmlText
        t.insert(t.length, 'a')
      })
      sentAt.set(Y.getState(typer.store, typer.clientID) - 1, performance.now())
    }, 1000 / WRITER_EDITS_PER_SECOND)

    const phase = async (name: string, updates: Uint8Array[] | null, reconnect: boolean) => {
      latencies.length = 0
      let sent = 0
      let refused = 0
      let stop = false
      const run = async () => {
        let ws: WebSocket | undefined
        while (!stop && updates) {
          if (!ws || ws.readyState !== WebSocket.OPEN) {
            ws = new WebSocket(`${server.wsUrl}/${flooded.id}`, { headers: headers(cookies.expert) })
            ws.on('error', () => {})
            await new Promise<void>((resolve) => {
              ws!.once('open', () => resolve())
              ws!.once('close', () => resolve())
            })
            if (ws.readyState !== WebSocket.OPEN) continue
          }
          const closed = new Promise<boolean>((resolve) => ws!.once('close', (code) => resolve(code === 4101)))
          ws.send(frame(updates[sent++ % updates.length]!))
          // A refused update closes the socket; an accepted one is followed by the next after a pause.
          const outcome = reconnect ? await closed : await Promise.race([closed, new Promise<false>((r) => setTimeout(() => r(false), 250))])
          if (outcome) refused++
        }
        ws?.terminate()
      }
      const flooding = run()
      await new Promise((resolve) => setTimeout(resolve, PHASE_SECONDS * 1000))
      stop = true
      await flooding
      return { name, sent: updates ? sent : 0, refused, writer: summarize(latencies) }
    }

    const flood: SuggestionBench['flood'] = []
    flood.push(await phase('no suggester', null, false))
    flood.push(await phase('updates over the size limit (70 kB), refused unread', [newParagraph(70_000)], true))
    flood.push(await phase('unmarked pastes (60 kB), checked then refused', [newParagraph(60_000)], true))
    // Well-made suggestions, each building on the last: made beforehand on a copy, so that making them is not timed.
    const suggester = new Editing(floodedCopy, world.people.expert.id)
    const wellMade = Array.from({ length: Math.ceil((PHASE_SECONDS * 1000) / 250) + 2 }, (_, i) => {
      const before = Y.encodeStateVector(floodedCopy)
      suggester.suggest((tr, find) => tr.insertText(` ${'proposed words '.repeat(3800)}`, find(`Paragraph ${i}:`)))
      return Y.encodeStateAsUpdate(floodedCopy, before)
    })
    // Accepted updates build on each other: sent once each, in order, on one socket.
    flood.push({
      ...(await phase('', wellMade, false)),
      name: `suggestions (${(wellMade[0]!.length / 1024).toFixed(0)} kB) every 250 ms, checked and accepted`,
    })
    clearInterval(typing)
    for (const p of providers) p.destroy()
    return { keystroke: { small: small.admit, large: large.admit, upkeepLarge: large.upkeep, table: table.admit }, settling: settled, flood }
  } finally {
    await server.stop()
  }
}

export function printSuggestions(r: SuggestionBench): void {
  const us = (s: Summary | null) => (s ? `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} µs` : '-')
  const msf = (s: Summary | null) => (s ? `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)} ms` : 'no samples')
  console.log(`\nSuggestion guard (${KEYSTROKES} suggested keystrokes, this process)`)
  console.log(`  check per keystroke, small document (10 paragraphs)     p50 / p95: ${us(r.keystroke.small)}`)
  console.log(`  check per keystroke, large document (1,500 paragraphs)  p50 / p95: ${us(r.keystroke.large)}`)
  console.log(`  check per keystroke, in a cell of a 3,000-row table      p50 / p95: ${us(r.keystroke.table)}`)
  console.log(`  shadow upkeep per applied update, large document        p50 / p95: ${us(r.keystroke.upkeepLarge)}`)
  console.log('\nSettling on the document thread (1,500 paragraphs, a suggestion in every fifth, this process)')
  for (const f of r.settling) console.log(`  ${f.name}: ${f.settled} settled in ${f.ms.toFixed(0)} ms`)
  console.log(`\nA suggester flooding one document while a writer types in another (${PHASE_SECONDS} s each, test server in this process)`)
  for (const f of r.flood) {
    console.log(`  ${f.name}: ${f.sent ? `${f.sent} sent, ${f.refused} refused; ` : ''}writer edit p50 / p95 / p99 ${msf(f.writer)}`)
  }
}
