import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { archiveDocument } from '../../server/data/documents'
import JSZip from 'jszip'
import type { Comparison, NetworkDetail, SubmissionCreated, SuggestionList, VersionSummary, WorkflowView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, ORIGIN, testApp } from '../helpers/app'
import { storedDoc } from '../helpers/comments'
import { connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import { appendBlocksAs, deleted, inserted, lastText, paragraph, plain } from '../helpers/suggestions'
import { editAs } from '../helpers/versions'
import { buildDocument, buildPerson, buildWorld, signIn, WORLD, type World } from '../helpers/world'

/**
 * Reviewing suggestions through the REST API, on each database driver: listing them with their
 * authors, who may accept, reject and withdraw (the acceptance matrix over HTTP), what accepting
 * and rejecting do to the text, settling all or one person's, and the compare crediting an
 * accepted insertion to its suggester.
 */

describe.each(DRIVERS)('suggestions on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let world: World
  const as: Record<string, Client> = {}
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
    for (const [who, person] of Object.entries(world.people)) {
      as[who] = await signIn(app, person)
      ids[who] = person.id
    }
    const nobody = await buildPerson(db, 'Nina Nobody')
    as.nobody = await signIn(app, nobody)
    ids.nobody = nobody.id
  })
  afterAll(async () => {
    await app.deps.hub.shutdown()
    await db.drop()
  })

  /**
   * A network document of the test's own: the pilot city wrote a paragraph; the expert suggests
   * an insertion (ins) and a rewording (rep), the member city a deletion (del).
   */
  async function suggestedDocument(): Promise<string> {
    const id = (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
    await appendBlocksAs(db, id, ids.pilot!, [paragraph(plain('Le marché de Médina est trop petit pour les vendeurs.'))])
    await appendBlocksAs(db, id, ids.expert!, [paragraph(plain('Il faut '), inserted('vraiment ', 'ins', ids.expert!), plain('agrandir.'))])
    await appendBlocksAs(db, id, ids.member!, [paragraph(plain('Nous voulons '), deleted('beaucoup ', 'del', ids.member!), plain('de bancs.'))])
    await appendBlocksAs(db, id, ids.expert!, [
      paragraph(plain('Budget : '), deleted('cent', 'rep', ids.expert!), inserted('deux cents', 'rep', ids.expert!), plain(' euros.')),
    ])
    return id
  }
  const url = (doc: string, rest = '') => `/api/documents/${doc}/suggestions${rest}`
  const list = async (who: string, doc: string) => (await as[who]!.get<SuggestionList>(url(doc))).body.suggestions
  const text = async (doc: string) => {
    await app.deps.hub.stored(doc)
    const { documentReader } = app.deps
    const live = await documentReader.read(doc, { kind: 'prosemirror' })
    const words: string[] = []
    const walk = (n: { type: string; text?: string; content?: unknown[] }) => {
      if (n.type === 'text') words.push(n.text ?? '')
      for (const c of (n.content ?? []) as (typeof n)[]) walk(c)
      if (n.type === 'paragraph') words.push('\n')
    }
    walk(live)
    return words.join('')
  }

  const storedText = async (doc: string) => {
    await app.deps.hub.stored(doc)
    const stored = await storedDoc(db, doc)
    const words = docText(stored)
    stored.destroy()
    return words
  }

  it('lists the pending suggestions from the live document, with their authors and the city they speak for', async () => {
    const doc = await suggestedDocument()
    const res = await as.funder!.get<SuggestionList>(url(doc))
    expect(res.status).toBe(200)
    expect(res.body.suggestions).toEqual([
      { id: 'ins', kind: 'insert', text: 'vraiment ', author: { id: ids.expert, name: 'Eva Expert', city: null }, createdAt: '2026-03-02T09:30:00.000Z' },
      {
        id: 'del',
        kind: 'delete',
        text: 'beaucoup ',
        author: { id: ids.member, name: 'Max Member', city: WORLD.cities.member },
        createdAt: expect.any(String),
      },
      { id: 'rep', kind: 'replace', text: 'deux cents', replaced: 'cent', author: expect.objectContaining({ id: ids.expert }), createdAt: expect.any(String) },
    ])
    expect((await app.client().get(url(doc))).status).toBe(401)
    expect((await as.nobody!.get(url(doc))).status).toBe(403)
    expect((await as.pilot!.get(url('00000000-0000-4000-8000-000000000000'))).status).toBe(404)
  })

  /**
   * The acceptance matrix over HTTP, written out by hand: accept another's, reject another's,
   * accept one's own, withdraw one's own; Y 200, else the status.
   */
  const MATRIX: Record<string, string> = {
    secretariat: 'Y Y Y Y',
    pilot: 'Y Y Y Y',
    member: '403 403 403 Y',
    expert: '403 403 403 Y',
    advisory: '403 403 403 Y',
    other: '403 403 403 Y',
    funder: '403 403 403 403',
    nobody: '403 403 403 403',
  }
  for (const [who, row] of Object.entries(MATRIX)) {
    it(`${who}: ${row}`, async () => {
      const doc = (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
      const another = who === 'member' ? ids.expert! : ids.member!
      await appendBlocksAs(db, doc, another, [paragraph(inserted('A', 'a1', another), inserted('B', 'a2', another))])
      await appendBlocksAs(db, doc, ids[who]!, [paragraph(inserted('C', 'o1', ids[who]!), inserted('D', 'o2', ids[who]!))])
      const got: string[] = []
      for (const [id, decision] of [
        ['a1', 'accept'],
        ['a2', 'reject'],
        ['o1', 'accept'],
        ['o2', 'reject'],
      ]) {
        const res = await as[who]!.post<ApiErrorBody & { settled: number }>(url(doc, `/${id}/${decision}`))
        if (res.status === 200) expect(res.body).toEqual({ settled: 1 })
        else expect(res.body.error.message).toMatch(/may not/)
        got.push(res.status === 200 ? 'Y' : String(res.status))
      }
      expect(got.join(' ')).toBe(row)
    })
  }

  it('asks anonymous callers to sign in, and a funder is refused before learning what exists', async () => {
    const doc = await suggestedDocument()
    for (const path of ['/ins/accept', '/ins/reject', '/accept-all', '/reject-all']) {
      expect((await app.client().post(url(doc, path), {})).status).toBe(401)
      expect((await as.funder!.post(url(doc, path), {})).status).toBe(403)
    }
    expect((await as.funder!.post(url(doc, '/no-such/reject'))).status).toBe(403)
    expect(await list('pilot', doc)).toHaveLength(3)
  })

  it('an unknown suggestion is a 404 with a message; bad ids and bodies are 400s', async () => {
    const doc = await suggestedDocument()
    const res = await as.pilot!.post<ApiErrorBody>(url(doc, '/no-such/accept'))
    expect(res.status).toBe(404)
    expect(res.body.error.message).toMatch(/No such suggestion/)
    expect((await as.pilot!.post(url(doc, `/${'x'.repeat(101)}/accept`))).status).toBe(400)
    expect((await as.pilot!.post(url(doc, '/accept-all'), { authorId: 42 })).status).toBe(400)
    expect((await as.pilot!.post(url(doc, '/accept-all'), { authorId: '' })).status).toBe(400)
    expect((await as.pilot!.post(url(doc, '/reject-all'), { everything: true })).status).toBe(400)
    expect(await list('pilot', doc)).toHaveLength(3)
  })

  it('an archived document’s suggestions stay as they are (409), even one’s own', async () => {
    const doc = await suggestedDocument()
    await archiveDocument(db, doc)
    for (const [who, path] of [
      ['pilot', '/ins/accept'],
      ['pilot', '/del/reject'],
      ['expert', '/ins/reject'],
      ['pilot', '/accept-all'],
    ] as const) {
      const res = await as[who]!.post<ApiErrorBody>(url(doc, path), {})
      expect(res.status, `${who} ${path}`).toBe(409)
      expect(res.body.error.code).toBe('document_archived')
    }
    expect((await as.funder!.post(url(doc, '/ins/reject'))).status).toBe(403)
    expect(await list('funder', doc)).toHaveLength(3)
  })

  it('accepting makes each kind of suggestion the text; rejecting sets it aside', async () => {
    const accepted = await suggestedDocument()
    for (const id of ['ins', 'del', 'rep']) expect((await as.pilot!.post(url(accepted, `/${id}/accept`))).body).toEqual({ settled: 1 })
    expect(await text(accepted)).toContain('Il faut vraiment agrandir.\nNous voulons de bancs.\nBudget : deux cents euros.')
    expect(await list('pilot', accepted)).toEqual([])

    const rejected = await suggestedDocument()
    for (const id of ['ins', 'del', 'rep']) expect((await as.secretariat!.post(url(rejected, `/${id}/reject`))).body).toEqual({ settled: 1 })
    expect(await text(rejected)).toContain('Il faut agrandir.\nNous voulons beaucoup de bancs.\nBudget : cent euros.')
    expect(await list('pilot', rejected)).toEqual([])
    // Settled is settled: a second decision finds nothing.
    expect((await as.pilot!.post(url(rejected, '/ins/accept'))).status).toBe(404)
  })

  it('accepts or rejects all, or all of one person’s', async () => {
    const doc = await suggestedDocument()
    expect((await as.pilot!.post(url(doc, '/reject-all'), { authorId: ids.member })).body).toEqual({ settled: 1 })
    expect((await list('pilot', doc)).map((s) => s.id)).toEqual(['ins', 'rep'])
    expect((await as.pilot!.post(url(doc, '/accept-all'), { authorId: ids.advisory })).body).toEqual({ settled: 0 })
    expect((await as.pilot!.post(url(doc, '/accept-all'), {})).body).toEqual({ settled: 2 })
    expect(await text(doc)).toContain('Il faut vraiment agrandir.\nNous voulons beaucoup de bancs.\nBudget : deux cents euros.')

    const again = await suggestedDocument()
    expect((await as.secretariat!.post(url(again, '/accept-all'), { authorId: ids.expert })).body).toEqual({ settled: 2 })
    expect((await as.secretariat!.post(url(again, '/reject-all'), {})).body).toEqual({ settled: 1 })
    expect(await text(again)).toContain('Il faut vraiment agrandir.\nNous voulons beaucoup de bancs.\nBudget : deux cents euros.')
  })

  it('two writers settling the same suggestion at once: one settles it, the other is told it is gone', async () => {
    const doc = await suggestedDocument()
    const answers = await Promise.all([as.pilot!.post(url(doc, '/rep/accept')), as.secretariat!.post(url(doc, '/rep/reject'))])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404])
    const text = await storedText(doc)
    expect(text.includes('Budget : deux cents euros.') !== text.includes('Budget : cent euros.')).toBe(true)
  })

  it('a suggester withdraws all their own at once, and nobody else’s', async () => {
    const doc = await suggestedDocument()
    expect((await as.member!.post(url(doc, '/reject-all'), {})).status).toBe(403)
    expect((await as.member!.post(url(doc, '/reject-all'), { authorId: ids.expert })).status).toBe(403)
    expect((await as.member!.post(url(doc, '/accept-all'), { authorId: ids.member })).status).toBe(403)
    expect((await as.expert!.post(url(doc, '/reject-all'), { authorId: ids.expert })).body).toEqual({ settled: 2 })
    expect((await list('pilot', doc)).map((s) => s.id)).toEqual(['del'])
  })

  it('an accepted insertion is the writer’s decision but the suggester’s words: the compare credits the suggester', async () => {
    const doc = (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
    await appendBlocksAs(db, doc, ids.pilot!, [paragraph(plain('Le budget est de mille euros.'))])
    const v1 = (await as.pilot!.post<VersionSummary>(`/api/documents/${doc}/versions`, { name: 'V1' })).body
    // The expert types a suggestion inside the pilot city's paragraph.
    await editAs(db, doc, ids.expert!, (d: Y.Doc) => {
      lastText(d).insert('Le budget est de '.length, 'vingt ', { insertion: { id: 'vingt', authorId: ids.expert, createdAt: '2026-03-02T09:30:00.000Z' } })
    })
    expect((await as.pilot!.post(url(doc, '/vingt/accept'))).body).toEqual({ settled: 1 })
    await app.deps.hub.stored(doc)
    const stored = await storedDoc(db, doc)
    expect(docText(stored)).toContain('Le budget est de vingt mille euros.')
    stored.destroy()

    const compare = (await as.funder!.get<Comparison>(`/api/documents/${doc}/compare?from=${v1.id}&to=live`)).body
    const added = compare.blocks.flatMap((b) => b.segments).filter((s) => s.op === 'added')
    expect(added).toEqual([
      expect.objectContaining({ text: expect.stringContaining('vingt'), author: expect.objectContaining({ id: ids.expert, name: 'Eva Expert' }) }),
    ])
    expect(compare.authors.map((a) => a.id)).toEqual([ids.expert])
  })

  /** An action plan of the pilot city's own, with the three suggestions of suggestedDocument. */
  async function suggestedPlan(): Promise<string> {
    const id = (await buildDocument(db, world.cities.pilot, { kind: 'action_plan', by: world.people.pilot })).id
    await appendBlocksAs(db, id, ids.expert!, [paragraph(plain('Il faut '), inserted('vraiment ', 'ins', ids.expert!), plain('agrandir.'))])
    await appendBlocksAs(db, id, ids.member!, [paragraph(plain('Nous voulons '), deleted('beaucoup ', 'del', ids.member!), plain('de bancs.'))])
    await appendBlocksAs(db, id, ids.expert!, [
      paragraph(plain('Budget : '), deleted('cent', 'rep', ids.expert!), inserted('deux cents', 'rep', ids.expert!), plain(' euros.')),
    ])
    return id
  }

  it('a submission lists the suggestions still pending when it was sent, with their authors', async () => {
    const plan = await suggestedPlan()
    const res = await as.pilot!.post<SubmissionCreated>(`/api/documents/${plan}/submissions`, { message: 'V1' })
    expect(res.status).toBe(201)
    expect(res.body.submission.pendingSuggestions.map((s) => [s.id, s.kind, s.author.name])).toEqual([
      ['ins', 'insert', 'Eva Expert'],
      ['del', 'delete', 'Max Member'],
      ['rep', 'replace', 'Eva Expert'],
    ])
    // Settled afterwards, the submission still lists them as they were sent.
    await as.secretariat!.post(url(plan, '/accept-all'), {})
    const workflow = (await as.secretariat!.get<WorkflowView>(`/api/documents/${plan}/workflow`)).body
    expect(workflow.submissions[0]!.pendingSuggestions).toHaveLength(3)
  })

  it('the secretariat may require none pending: submitting then answers 409 with how many, until they are settled', async () => {
    const network = `/api/networks/${world.network.id}`
    expect((await as.pilot!.patch(network, { requireSettledSuggestions: true })).status).toBe(403)
    expect((await as.secretariat!.patch(network, { requireSettledSuggestions: 'yes' })).status).toBe(400)
    const on = await as.secretariat!.patch<NetworkDetail>(network, { requireSettledSuggestions: true })
    expect(on.status).toBe(200)
    expect(on.body.requireSettledSuggestions).toBe(true)
    try {
      const plan = await suggestedPlan()
      const refused = await as.pilot!.post<ApiErrorBody>(`/api/documents/${plan}/submissions`, {})
      expect(refused.status).toBe(409)
      expect(refused.body.error).toMatchObject({ code: 'conflict', pendingSuggestions: 3, message: expect.stringMatching(/3 suggestions still pending/) })
      expect((await as.pilot!.get<WorkflowView>(`/api/documents/${plan}/workflow`)).body).toMatchObject({ stage: 'draft', submissions: [] })

      expect((await as.pilot!.post(url(plan, '/reject-all'), { authorId: ids.member })).body).toEqual({ settled: 1 })
      expect((await as.pilot!.post<ApiErrorBody>(`/api/documents/${plan}/submissions`, {})).body.error.pendingSuggestions).toBe(2)
      expect((await as.pilot!.post(url(plan, '/accept-all'), {})).body).toEqual({ settled: 2 })
      const sent = await as.pilot!.post<SubmissionCreated>(`/api/documents/${plan}/submissions`, {})
      expect(sent.status).toBe(201)
      expect(sent.body.submission.pendingSuggestions).toEqual([])
    } finally {
      const off = await as.secretariat!.patch<NetworkDetail>(network, { requireSettledSuggestions: false })
      expect(off.body.requireSettledSuggestions).toBe(false)
    }
    // Not required: sent with its suggestions pending.
    expect((await as.pilot!.post(`/api/documents/${await suggestedPlan()}/submissions`, {})).status).toBe(201)
  })

  it('exports: DOCX shows pending suggestions as tracked changes by their suggesters; Markdown prints the text without them', async () => {
    const doc = await suggestedDocument()
    const docx = await app.app.request(`${ORIGIN}/api/documents/${doc}/export?format=docx`, { headers: { cookie: as.funder!.cookie } })
    expect(docx.status).toBe(200)
    const bytes = new Uint8Array(await docx.arrayBuffer())
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:ins [^>]*w:author="Eva Expert"[^>]*>.*?vraiment/s)
    expect(xml).toMatch(/<w:del [^>]*w:author="Max Member"[^>]*>.*?<w:delText[^>]*>beaucoup /s)
    const md = await as.funder!.get<string>(`/api/documents/${doc}/export?format=md`)
    expect(md.body).toContain('Il faut agrandir.')
    expect(md.body).toContain('Nous voulons beaucoup de bancs.')
    expect(md.body).toContain('Budget : cent euros.')
    expect(md.body).not.toContain('vraiment')
  })

  it('the text readers leave out the marker of a suggested paragraph break: the derived text and the compare', async () => {
    const doc = (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
    const v1 = (await as.pilot!.post<VersionSummary>(`/api/documents/${doc}/versions`, { name: 'V1' })).body
    await appendBlocksAs(db, doc, ids.expert!, [paragraph(plain('Avant'), inserted('\u200B', 'split', ids.expert!)), paragraph(plain('après'))])
    const v2 = (await as.pilot!.post<VersionSummary>(`/api/documents/${doc}/versions`, { name: 'V2' })).body
    const detail = (await as.pilot!.get<{ text: string }>(`/api/documents/${doc}/versions/${v2.id}`)).body
    expect(detail.text).toContain('Avant\naprès')
    expect(detail.text).not.toContain('\u200B')
    const compare = (await as.pilot!.get<Comparison>(`/api/documents/${doc}/compare?from=${v1.id}&to=live`)).body
    const words = compare.blocks.flatMap((b) => b.segments.map((x) => x.text)).join('|')
    expect(words).toContain('Avant')
    expect(words).not.toContain('\u200B')
  })
})

describe.each(DRIVERS)('settling suggestions live (%s)', (driver) => {
  let server: TestServer
  let world: World
  let cookies: Record<'pilot' | 'funder' | 'secretariat', string>

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    cookies = {
      pilot: await server.login(world.people.pilot.email),
      funder: await server.login(world.people.funder.email),
      secretariat: await server.login(world.people.secretariat.email),
    }
  })
  afterAll(() => server.stop())

  /** The text of each suggestion as the connected client holds it: its words, and whether they still carry a suggestion mark. */
  const held = (doc: Y.Doc) =>
    doc
      .getXmlFragment('default')
      .toArray()
      .flatMap((block) => (block as Y.XmlElement).toArray().filter((c) => c instanceof Y.XmlText))
      .flatMap((text) => text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[])
      .map((op) => `${op.insert}${op.attributes?.insertion ? '[+]' : ''}${op.attributes?.deletion ? '[-]' : ''}`)
      .join('')

  it('a reader connected live sees an accepted insertion lose its mark, and a rejected deletion stay as text, without reloading', async () => {
    const expert = world.people.expert.id
    const doc = (await buildDocument(server.deps.db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
    await appendBlocksAs(server.deps.db, doc, expert, [
      paragraph(plain('Il faut '), inserted('vraiment ', 'ins', expert), deleted('tout ', 'del', expert), plain('agrandir.')),
    ])
    const reader = connect(server, doc, { cookie: cookies.funder })
    try {
      await synced(reader)
      expect(held(reader.doc)).toContain('Il faut vraiment [+]tout [-]agrandir.')

      expect((await server.api(cookies.pilot, 'POST', `/api/documents/${doc}/suggestions/ins/accept`, {})).body).toEqual({ settled: 1 })
      await expect.poll(() => held(reader.doc)).toContain('Il faut vraiment tout [-]agrandir.')

      expect((await server.api(cookies.secretariat, 'POST', `/api/documents/${doc}/suggestions/del/reject`, {})).body).toEqual({ settled: 1 })
      await expect.poll(() => held(reader.doc)).toContain('Il faut vraiment tout agrandir.')
      expect((await server.api(cookies.funder, 'GET', `/api/documents/${doc}/suggestions`)).body).toEqual({ suggestions: [] })
    } finally {
      reader.destroy()
    }
  })

  it('a reader connected live sees a rejected insertion and an accepted deletion go', async () => {
    const expert = world.people.expert.id
    const doc = (await buildDocument(server.deps.db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
    await appendBlocksAs(server.deps.db, doc, expert, [
      paragraph(plain('Il faut '), inserted('vraiment ', 'ins', expert), deleted('tout ', 'del', expert), plain('agrandir.')),
    ])
    const reader = connect(server, doc, { cookie: cookies.funder })
    try {
      await synced(reader)
      expect((await server.api(cookies.pilot, 'POST', `/api/documents/${doc}/suggestions/ins/reject`, {})).body).toEqual({ settled: 1 })
      expect((await server.api(cookies.pilot, 'POST', `/api/documents/${doc}/suggestions/del/accept`, {})).body).toEqual({ settled: 1 })
      await expect.poll(() => held(reader.doc)).toContain('Il faut agrandir.')
    } finally {
      reader.destroy()
    }
  })
})
