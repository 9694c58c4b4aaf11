import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { CLOSE_SUGGESTION_REFUSED, SUGGESTION_TOO_LARGE } from '../../shared/collab'
import type { PmNode } from '../../shared/content'
import { newSuggestionId, pendingSuggestions } from '../../shared/suggestions'
import { schema } from '../../server/content/schema'
import { readContent } from '../../server/content/yjs'
import { DRIVERS } from '../helpers/db'
import { connect, cookiesOf, docText, startTestServer, stored, synced, type TestClient, type TestServer } from '../helpers/collab'
import { Editing, docJson, paragraph, setContent, text } from '../helpers/suggesting'
import { buildDocument, buildWorld, type World } from '../helpers/world'

/** y-websocket's permission-denied message: [2 (auth), 0 (denied), reason]. */
const deniedReasons = (frames: Uint8Array[]) =>
  frames.flatMap((f) => {
    const d = decoding.createDecoder(f)
    if (decoding.readVarUint(d) !== 2 || decoding.readVarUint(d) !== 0) return []
    return [decoding.readVarString(d)]
  })

const heading = (level: number, t: string): PmNode => ({ type: 'heading', attrs: { level }, content: [text(t)] })
const cell = (t: string): PmNode => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [paragraph(text(t))] })
const table: PmNode = { type: 'table', content: [{ type: 'tableRow', content: [cell('Budget'), cell('Calendar')] }] }

/** What every test starts from: a heading, two paragraphs, a table. */
const FIXTURE = docJson(
  heading(2, 'Public spaces'),
  paragraph(text('The city plans a new square near the market.')),
  paragraph(text('Trees line the avenue in summer.')),
  table,
)

const contentOf = (doc: Y.Doc) => JSON.stringify(readContent(doc).toJSON())

describe.each(DRIVERS)('suggestions from a live connection (%s)', (driver) => {
  let server: TestServer
  let world: World
  let cookies: Record<keyof World['people'], string>

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    cookies = await cookiesOf(server, world.people)
  })
  afterAll(() => server.stop())

  /** A fresh network document holding FIXTURE, its writer (the secretariat) and the expert (a suggester), both synced. */
  async function open() {
    const { id } = await buildDocument(server.deps.db, world.network, { by: world.people.secretariat })
    const writer = connect(server, id, { cookie: cookies.secretariat })
    await synced(writer)
    setContent(writer.doc, FIXTURE)
    const expert = connect(server, id, { cookie: cookies.expert })
    await synced(expert)
    await expect.poll(() => contentOf(expert.doc)).toBe(contentOf(writer.doc))
    return { id, writer, expert, editing: new Editing(expert.doc, world.people.expert.id) }
  }

  /** Another suggester (the advisory member), synced, and their editing. */
  async function advisoryOn(id: string) {
    const advisory = connect(server, id, { cookie: cookies.advisory })
    await synced(advisory)
    return { advisory, editing: new Editing(advisory.doc, world.people.advisory.id) }
  }

  /** The change reached the writer, and nobody was refused. */
  async function accepted(writer: TestClient, expert: TestClient) {
    await expect.poll(() => contentOf(writer.doc)).toBe(contentOf(expert.doc))
    expect(deniedReasons(expert.received)).toEqual([])
    expect(expert.closes).toEqual([])
  }

  /**
   * The suggester was refused (told why, then closed with 4101) and the change is nowhere: not
   * in the writer's copy, not in what a newcomer syncs, not in storage.
   */
  async function refused(id: string, writer: TestClient, expert: TestClient, before: string, reason: RegExp) {
    await expect.poll(() => expert.closes.map((c) => c.code)).toContain(CLOSE_SUGGESTION_REFUSED)
    // The editor drops its copy then; a stock provider would reconnect and send it again.
    expert.destroy()
    const reasons = deniedReasons(expert.received)
    expect(reasons[0]).toMatch(/^suggestion refused: /)
    expect(reasons[0]).toMatch(reason)
    // The close carries the reason as well (cut to a close reason's 123 bytes), for the editor to say it.
    const closedWith = expert.closes.find((c) => c.code === CLOSE_SUGGESTION_REFUSED)!.reason
    expect(closedWith.length).toBeGreaterThan(20)
    expect(reasons[0]!.startsWith(closedWith)).toBe(true)
    const newcomer = connect(server, id, { cookie: cookies.pilot })
    await synced(newcomer)
    expect(contentOf(newcomer.doc)).toBe(before)
    expect(contentOf(writer.doc)).toBe(before)
    await expect.poll(async () => (await stored(server.deps.db, id)).text).toBe(docText(writer.doc))
    newcomer.destroy()
  }

  const mine = (doc: Y.Doc) => pendingSuggestions(readContent(doc)).filter((s) => s.authorId === world.people.expert.id)

  describe('what a suggester may do', () => {
    it('insert a word', async () => {
      const { writer, expert, editing } = await open()
      editing.suggest((tr, find) => tr.insertText(' green', find(' square')))
      await accepted(writer, expert)
      expect(mine(writer.doc)).toMatchObject([{ kind: 'insert', text: ' green' }])
      for (const c of [writer, expert]) c.destroy()
    })

    it('delete a word (marked, kept in the text)', async () => {
      const { writer, expert, editing } = await open()
      editing.suggest((tr, find) => tr.delete(find(' near'), find(' near') + ' near'.length))
      await accepted(writer, expert)
      expect(mine(writer.doc)).toMatchObject([{ kind: 'delete', text: ' near' }])
      expect(readContent(writer.doc).textContent).toContain('square near the market')
      for (const c of [writer, expert]) c.destroy()
    })

    it('reword (a deletion and an insertion)', async () => {
      const { writer, expert, editing } = await open()
      editing.suggest((tr, find) => tr.insertText('plaza', find('square'), find('square') + 'square'.length))
      await accepted(writer, expert)
      expect(mine(writer.doc)).toMatchObject([{ kind: 'replace', text: 'plaza', replaced: 'square' }])
      for (const c of [writer, expert]) c.destroy()
    })

    it('split a paragraph (Enter)', async () => {
      const { writer, expert, editing } = await open()
      const blocks = readContent(writer.doc).childCount
      editing.suggest((tr, find) => tr.split(find(' near')))
      await accepted(writer, expert)
      expect(readContent(writer.doc).childCount).toBe(blocks + 1)
      expect(mine(writer.doc)).toHaveLength(1)
      for (const c of [writer, expert]) c.destroy()
    })

    it('a paragraph break at the end of a paragraph, then words in the new one', async () => {
      const { writer, expert, editing } = await open()
      const blocks = readContent(writer.doc).childCount
      editing.suggest((tr, find) => tr.split(find('market.') + 'market.'.length))
      await accepted(writer, expert)
      editing.suggest((tr, find) => tr.insertText('Shade for the stalls.', find('market.') + 'market.'.length + 3))
      await accepted(writer, expert)
      expect(readContent(writer.doc).childCount).toBe(blocks + 1)
      expect(readContent(writer.doc).textContent).toContain('Shade for the stalls.')
      for (const c of [writer, expert]) c.destroy()
    })

    it('fix a typo inside their own insertion, then withdraw it', async () => {
      const { writer, expert, editing } = await open()
      editing.suggest((tr, find) => tr.insertText(' grene', find(' square')))
      await accepted(writer, expert)
      editing.suggest((tr, find) => tr.insertText('en', find('grene') + 3, find('grene') + 5))
      await accepted(writer, expert)
      expect(
        mine(writer.doc)
          .map((s) => s.text)
          .join(''),
      ).toBe(' green')
      // Deleting one's own suggested text withdraws it.
      editing.suggest((tr, find) => tr.delete(find(' green'), find(' green') + ' green'.length))
      await accepted(writer, expert)
      expect(mine(writer.doc)).toEqual([])
      expect(readContent(writer.doc).textContent).toContain('a new square near')
      for (const c of [writer, expert]) c.destroy()
    })

    it('a batch made offline arrives as one update while a writer edited elsewhere, and both converge', async () => {
      const { writer, expert, editing } = await open()
      expert.provider.disconnect()
      editing.suggest((tr, find) => tr.insertText(' green', find(' square')))
      editing.suggest((tr, find) => tr.delete(find(' near'), find(' near') + ' near'.length))
      editing.suggest((tr, find) => tr.insertText('plaza', find('market'), find('market') + 'market'.length))
      new Editing(writer.doc, world.people.secretariat.id).edit((tr, find) => tr.insertText('Old t', find('Trees'), find('Trees') + 1))
      expert.provider.connect()
      await expect.poll(() => readContent(writer.doc).textContent).toContain('green')
      await expect.poll(() => contentOf(expert.doc).includes('Old t') && contentOf(expert.doc) === contentOf(writer.doc)).toBe(true)
      expect(readContent(writer.doc).textContent).toContain('Old trees line')
      expect(mine(writer.doc).map((s) => s.kind)).toEqual(['insert', 'delete', 'replace'])
      expect(deniedReasons(expert.received)).toEqual([])
      for (const c of [writer, expert]) c.destroy()
    })

    it('a writer editing around a pending suggestion at the same time converges with it', async () => {
      const { writer, expert, editing } = await open()
      editing.suggest((tr, find) => tr.insertText(' green', find(' square')))
      await accepted(writer, expert)
      // Both edit the same paragraph before hearing of the other's change.
      const writing = new Editing(writer.doc, world.people.secretariat.id)
      writing.edit((tr, find) => tr.insertText('Next year, t', find('The city'), find('The city') + 1))
      editing.suggest((tr, find) => tr.insertText(' shaded', find(' square')))
      writing.edit((tr, find) => tr.insertText(' old', find(' market')))
      const both = (doc: Y.Doc) => ['Next year', 'shaded', 'old market'].every((t) => contentOf(doc).includes(t))
      await expect.poll(() => both(writer.doc) && both(expert.doc) && contentOf(writer.doc) === contentOf(expert.doc)).toBe(true)
      expect(readContent(writer.doc).textContent).toBe(
        'Public spacesNext year, the city plans a new green shaded square near the old market.Trees line the avenue in summer.BudgetCalendar',
      )
      expect(
        mine(writer.doc)
          .map((s) => s.text)
          .join(''),
      ).toBe(' green shaded')
      expect(deniedReasons(expert.received)).toEqual([])
      for (const c of [writer, expert]) c.destroy()
    })
  })

  describe('what a suggester may not do (refused, and nowhere to be seen)', () => {
    type Hostile = { name: string; reason: RegExp; setup?: (id: string, expert: Editing) => Promise<void>; make: (expert: Editing, id: string) => void }
    const edits = /edits the text itself/
    let advisoryId = ''
    const HOSTILE: Hostile[] = [
      { name: 'an unmarked insertion', reason: edits, make: (e) => e.edit((tr, find) => tr.insertText(' green', find(' square'))) },
      { name: 'a real deletion of unmarked text', reason: edits, make: (e) => e.edit((tr, find) => tr.delete(find(' near'), find(' near') + 5)) },
      {
        name: 'deleting someone else’s suggested text',
        reason: edits,
        setup: othersInsertion,
        make: (e) => e.edit((tr, find) => tr.delete(find(' bright'), find(' bright') + ' bright'.length)),
      },
      {
        name: 'rewriting someone else’s suggested text',
        reason: edits,
        setup: othersInsertion,
        // The editor leaves others' suggestions alone (the library's patch c): this is a forged one.
        make: (e) =>
          e.edit((tr, find) => {
            const from = find('bright')
            tr.insertText('dim', from, from + 'bright'.length)
            tr.addMark(
              from,
              from + 'dim'.length,
              schema.marks.insertion!.create({ id: newSuggestionId(e.authorId), authorId: e.authorId, createdAt: new Date().toISOString() }),
            )
          }),
      },
      {
        name: 'accepting someone else’s suggestion (removing their mark)',
        reason: edits,
        setup: othersInsertion,
        make: (e) => e.edit((tr, find) => tr.removeMark(find(' bright'), find(' bright') + ' bright'.length, schema.marks.insertion!)),
      },
      {
        name: 'rejecting someone else’s suggested deletion (removing their mark)',
        reason: edits,
        setup: async (id) => {
          const { advisory, editing } = await advisoryOn(id)
          editing.suggest((tr, find) => tr.delete(find(' in summer'), find(' in summer') + ' in summer'.length))
          await expect.poll(() => pendingSuggestions(readContent(advisory.doc)).length).toBe(1)
          advisoryId = world.people.advisory.id
          advisory.destroy()
        },
        make: (e) => e.edit((tr, find) => tr.removeMark(find(' in summer'), find(' in summer') + ' in summer'.length, schema.marks.deletion!)),
      },
      {
        name: 'a suggestion in someone else’s name',
        reason: /in one’s own name/,
        make: (e) => new Editing(e.doc, world.people.advisory.id).suggest((tr, find) => tr.insertText(' green', find(' square'))),
      },
      {
        name: 'a suggestion mark without an author and a time',
        reason: /its id, its author and its time/,
        make: (e) =>
          e.edit((tr, find) => {
            const at = find(' square')
            tr.insertText(' green', at).addMark(at, at + 6, schema.marks.insertion!.create({ id: 'x1' }))
          }),
      },
      {
        name: 'a suggestion mark with a time that is not one',
        reason: /its id, its author and its time/,
        make: (e) =>
          e.edit((tr, find) => {
            const at = find(' square')
            tr.insertText(' green', at).addMark(
              at,
              at + 6,
              schema.marks.insertion!.create({ id: 'x1', authorId: world.people.expert.id, createdAt: 'yesterday' }),
            )
          }),
      },
      {
        name: 'bold on existing text',
        reason: edits,
        make: (e) => e.edit((tr, find) => tr.addMark(find('square'), find('square') + 6, schema.marks.bold!.create())),
      },
      {
        name: 'a link on existing text',
        reason: edits,
        make: (e) => e.edit((tr, find) => tr.addMark(find('square'), find('square') + 6, schema.marks.link!.create({ href: 'https://evil.example' }))),
      },
      {
        name: 'a modification mark',
        reason: /formatting/,
        make: (e) => e.edit((tr, find) => tr.addMark(find('square'), find('square') + 6, schema.marks.modification!.create({ id: 'm1', type: 'mark' }))),
      },
      { name: 'changing a heading’s level', reason: edits, make: (e) => e.edit((tr) => tr.setNodeMarkup(0, undefined, { level: 1 })) },
      {
        name: 'turning a paragraph into a heading',
        reason: edits,
        make: (e) => e.edit((tr, find) => tr.setBlockType(find('Trees'), find('Trees'), schema.nodes.heading!, { level: 3 })),
      },
      {
        name: 'deleting a whole block',
        reason: edits,
        make: (e) =>
          e.edit((tr, find) => {
            const at = find('Trees') - 1
            tr.delete(at, at + tr.doc.resolve(at + 1).parent.nodeSize)
          }),
      },
      {
        name: 'inserting a block of unmarked text',
        reason: edits,
        make: (e) => e.edit((tr, find) => tr.insert(find('Trees') - 1, schema.nodes.paragraph!.create(null, schema.text('Unmarked paragraph.')))),
      },
      {
        name: 'accepting their own insertion (removing their own mark)',
        reason: edits,
        setup: async (_id, e) => e.suggest((tr, find) => tr.insertText(' green', find(' square'))),
        make: (e) => e.edit((tr, find) => tr.removeMark(find(' green'), find(' green') + 6, schema.marks.insertion!)),
      },
      {
        name: 'accepting their own deletion (deleting for real)',
        reason: edits,
        setup: async (_id, e) => e.suggest((tr, find) => tr.delete(find(' near'), find(' near') + 5)),
        make: (e) => e.edit((tr, find) => tr.delete(find(' near'), find(' near') + 5)),
      },
      {
        name: 'changing a table cell’s span',
        reason: edits,
        make: (e) =>
          e.edit((tr, find) => {
            const cellAt = tr.doc.resolve(find('Budget')).before(-1)
            tr.setNodeMarkup(cellAt, undefined, { colspan: 2, rowspan: 1 })
          }),
      },
      {
        name: 'an update larger than 64 kB, even a well-made suggestion',
        reason: new RegExp(`^${SUGGESTION_TOO_LARGE}: .*at most 64 kB`),
        make: (e) => e.suggest((tr, find) => tr.insertText(` ${'long words '.repeat(7000)}`, find(' square'))),
      },
      {
        name: 'a change outside the document’s text',
        reason: /outside the document’s text/,
        make: (e) => e.doc.getMap('elsewhere').set('note', 'hidden'),
      },
    ]

    /** The advisory member suggests " bright" before " square": someone else's suggestion. */
    async function othersInsertion(id: string) {
      const { advisory, editing } = await advisoryOn(id)
      editing.suggest((tr, find) => tr.insertText(' bright', find(' square')))
      await expect.poll(() => readContent(advisory.doc).textContent).toContain('bright')
      advisoryId = world.people.advisory.id
      advisory.destroy()
    }

    for (const hostile of HOSTILE) {
      it(hostile.name, async () => {
        const { id, writer, expert, editing } = await open()
        if (hostile.setup) {
          await hostile.setup(id, editing)
          await expect.poll(() => pendingSuggestions(readContent(writer.doc)).length).toBe(1)
          await expect.poll(() => contentOf(expert.doc) === contentOf(writer.doc)).toBe(true)
          if (advisoryId) expect(pendingSuggestions(readContent(writer.doc))[0]!.authorId).toBe(advisoryId)
        }
        expect(expert.closes).toEqual([])
        const before = contentOf(writer.doc)
        hostile.make(editing, id)
        await refused(id, writer, expert, before, hostile.reason)
        writer.destroy()
        advisoryId = ''
      })
    }
  })

  it('a writer’s edits are never checked', async () => {
    const { writer, expert } = await open()
    new Editing(writer.doc, world.people.secretariat.id).edit((tr, find) => tr.delete(find(' near the market'), find(' near the market') + 16))
    await expect.poll(() => readContent(expert.doc).textContent).toContain('a new square.')
    for (const c of [writer, expert]) c.destroy()
  })
})
