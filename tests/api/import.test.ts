import { Document, ExternalHyperlink, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import { type Zippable, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { fileName } from '../../server/api/documents/import'
import { readProsemirror } from '../../server/content/yjs'
import { inTurn } from '../../server/import/queue'
import { importOnThread } from '../../server/import/thread'
import type { PmNode } from '../../shared/content'
import type { SearchResponse } from '../../shared/api'
import { insertContent } from '../helpers/content'
import { storedDoc } from '../helpers/comments'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, ORIGIN, type Reply, testApp } from '../helpers/app'
import { editAs } from '../helpers/versions'
import { lyingSizes, zipOfZeros } from '../helpers/zip'
import { buildCity, buildDocument, buildNetwork, buildPerson, buildWorld, signIn, type World } from '../helpers/world'

/** The largest file the test app accepts: small, so that the limits are cheap to pass. */
const MAX = 1024 * 1024

/** A 1×1 PNG, to put in a Word file as an image and to rename as a Word file. */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'))

const text = (t: string, ...marks: string[]) =>
  new TextRun({
    text: t,
    bold: marks.includes('b'),
    italics: marks.includes('i'),
    underline: marks.includes('u') ? {} : undefined,
    strike: marks.includes('s'),
  })

/** A Word file with every structure the import keeps, and an image it drops. */
async function richDocx(): Promise<Uint8Array> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] })
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] },
        {
          reference: 'bullets',
          levels: [
            { level: 0, format: LevelFormat.BULLET, text: '•' },
            { level: 1, format: LevelFormat.BULLET, text: '◦' },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text('Plan de mobilité')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text('Objectifs')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: [text('Détails')] }),
          new Paragraph({
            children: [
              text('Du '),
              text('gras', 'b'),
              text(', de l’'),
              text('italique', 'i'),
              text(', du '),
              text('souligné', 'u'),
              text(' et du '),
              text('barré', 's'),
            ],
          }),
          new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [text('Premier point')] }),
          new Paragraph({ numbering: { reference: 'bullets', level: 1 }, children: [text('Sous-point')] }),
          new Paragraph({ numbering: { reference: 'numbers', level: 0 }, children: [text('Étape un')] }),
          new Paragraph({ numbering: { reference: 'numbers', level: 0 }, children: [text('Étape deux')] }),
          new Table({ rows: [new TableRow({ children: [cell('Ville'), cell('Rôle')] }), new TableRow({ children: [cell('Lyon'), cell('Pilote')] })] }),
          new Paragraph({
            children: [
              new ExternalHyperlink({ link: 'https://example.org/plan', children: [text('le site')] }),
              text(' ; '),
              new ExternalHyperlink({ link: 'mailto:contact@example.org', children: [text('écrire')] }),
              text(' ; '),
              new ExternalHyperlink({ link: 'javascript:alert(1)', children: [text('piège')] }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: PNG,
                transformation: { width: 10, height: 10 },
                altText: { name: 'carte', title: 'Carte', description: 'Carte du quartier' },
              }),
            ],
          }),
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

const MARKDOWN = `# Fiche thématique

Un paragraphe avec **gras**, *italique*, ~~barré~~ et [un lien](https://example.org) et [un piège](javascript:alert(1)).

- Premier
  - Imbriqué
- Second

1. Un
2. Deux

- [ ] À faire
- [x] Fait

| Ville | Rôle |
| --- | --- |
| Lyon | Pilote |

![plan du quartier](https://example.org/plan.png)
`

/** A body that never ends: a server that reads it on would never answer. */
const endless = (first: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first)
    },
  })

type Space = { type: string; id: string }

describe.each(DRIVERS)('importing a Word or Markdown file (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let world: World
  let clients: Record<'secretariat' | 'pilot' | 'member' | 'other' | 'funder' | 'outsider', Client>

  const stored = async () => {
    const [row] = await db.query<{ documents: number; versions: number; updates: number }>(
      `select (select count(*)::int from documents) as documents, (select count(*)::int from doc_versions) as versions, (select count(*)::int from doc_updates) as updates`,
    )
    return row!
  }

  async function upload(client: Client | null, file: { name: string; bytes: Uint8Array; type?: string }, space: Space, extra: Record<string, string> = {}) {
    const form = new FormData()
    form.append('space', JSON.stringify(space))
    for (const [k, v] of Object.entries(extra)) form.append(k, v)
    form.append('file', new Blob([Uint8Array.from(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name)
    const headers: Record<string, string> = { origin: ORIGIN }
    if (client) headers.cookie = client.cookie
    const res = await app.app.request(`${ORIGIN}/api/documents/import`, { method: 'POST', headers, body: form })
    return { status: res.status, headers: res.headers, body: (await res.json()) as Reply['body'] }
  }

  /** A multipart body written by hand: the form fields, then the file's part header and its first bytes. */
  function formStart(space: Space, filename: string, first: Uint8Array): { type: string; head: Uint8Array } {
    const boundary = 'atelier-boundary'
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name="space"\r\n\r\n${JSON.stringify(space)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
    return { type: `multipart/form-data; boundary=${boundary}`, head: Buffer.concat([Buffer.from(head), first]) }
  }

  const content = async (id: string): Promise<PmNode> => {
    const doc = await storedDoc(db, id)
    try {
      return readProsemirror(doc)
    } finally {
      doc.destroy()
    }
  }

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    app.deps.config.importMaxBytes = MAX
    world = await buildWorld(db)
    const elsewhere = await buildCity(db, await buildNetwork(db, 'Other Network'), 'member', 'Elsewhere')
    const outsider = await buildPerson(db, 'Oscar Outsider', [{ role: 'city_team', on: elsewhere }])
    clients = {
      secretariat: await signIn(app, world.people.secretariat),
      pilot: await signIn(app, world.people.pilot),
      member: await signIn(app, world.people.member),
      other: await signIn(app, world.people.other),
      funder: await signIn(app, world.people.funder),
      outsider: await signIn(app, outsider),
    }
  })
  afterAll(() => db.drop())

  it('turns a Word file into a live document of the editor’s schema, its first version named after the file and the importer', async () => {
    const res = await upload(clients.member, { name: 'Plan mobilité.docx', bytes: await richDocx() }, world.cities.member, { kind: 'action_plan' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ title: 'Plan mobilité', kind: 'action_plan', space: { type: 'city', id: world.cities.member.id } })
    const doc = await content(res.body.id)
    const blocks = doc.content!.map((b) => (b.type === 'heading' ? `h${b.attrs!.level}` : b.type))
    expect(blocks).toEqual(['h1', 'h2', 'h3', 'paragraph', 'bulletList', 'orderedList', 'table', 'paragraph', 'paragraph'])
    const marked = (mark: string) => doc.content![3]!.content!.filter((t) => t.marks?.some((m) => m.type === mark)).map((t) => t.text)
    expect([marked('bold'), marked('italic'), marked('underline'), marked('strike')]).toEqual([['gras'], ['italique'], ['souligné'], ['barré']])
    // The nested bullet sits inside the first item.
    expect(doc.content![4]!.content![0]!.content!.map((n) => n.type)).toEqual(['paragraph', 'bulletList'])
    expect(doc.content![5]!.content).toHaveLength(2)
    expect(JSON.stringify(doc.content![6])).toMatch(/Ville.*Rôle.*Lyon.*Pilote/)
    const links = doc.content![7]!.content!.flatMap((t) => t.marks?.filter((m) => m.type === 'link').map((m) => m.attrs!.href) ?? [])
    expect(links).toEqual(['https://example.org/plan', 'mailto:contact@example.org'])
    expect(JSON.stringify(doc.content![7])).toContain('piège')
    expect(doc.content![8]!.content![0]!.text).toBe('[image non importée : Carte du quartier]')

    const versions = await clients.member.get(`/api/documents/${res.body.id}/versions`)
    expect(versions.body.versions).toHaveLength(1)
    expect(versions.body.versions[0]).toMatchObject({ kind: 'named', name: 'Importé de Plan mobilité.docx', createdBy: { id: world.people.member.id } })
    expect(versions.body.versions[0].contributors.map((p: { id: string }) => p.id)).toEqual([world.people.member.id])
  })

  it('takes a title and a version name from the file’s name without its invisible characters, bounded and never empty', async () => {
    // Shown as "facturexcod.jpg" were the right-to-left override kept.
    const res = await upload(clients.member, { name: 'facture\u202Egpj\u200f\u2066.docx\u0085', bytes: await richDocx() }, world.cities.member)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.title).toBe('facturegpj')
    const versions = await clients.member.get(`/api/documents/${res.body.id}/versions`)
    expect(versions.body.versions[0].name).toBe('Importé de facturegpj.docx')

    expect(fileName('\u202E\u2067\u0007 ')).toBe('document')
    const long = fileName(`${'😀'.repeat(150)}.docx`)
    expect([...long]).toHaveLength(120)
    expect(long).toBe('😀'.repeat(120))
  })

  it('turns GFM Markdown (tables, task lists) into the same schema, with a given title', async () => {
    // Longer than a JSON body may be (64 KB): an upload has its own limit.
    const long = `${MARKDOWN}\n${'Une ligne de plus pour allonger la fiche.\n\n'.repeat(2000)}`
    const res = await upload(clients.secretariat, { name: 'fiche.md', bytes: new TextEncoder().encode(long), type: 'text/markdown' }, world.network, {
      title: 'Fiche importée',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({ title: 'Fiche importée', kind: 'thematic_sheet' })
    const doc = await content(res.body.id)
    expect(doc.content!.slice(0, 7).map((b) => b.type)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList', 'taskList', 'table', 'paragraph'])
    expect(doc.content).toHaveLength(7 + 2000)
    expect(doc.content![4]!.content!.map((i) => [i.attrs!.checked, i.content![0]!.content![0]!.text])).toEqual([
      [false, 'À faire'],
      [true, 'Fait'],
    ])
    expect(doc.content![5]!.content![0]!.content![0]!.type).toBe('tableHeader')
    const links = doc.content![1]!.content!.flatMap((t) => t.marks?.filter((m) => m.type === 'link').map((m) => m.attrs!.href) ?? [])
    expect(links).toEqual(['https://example.org'])
    expect(doc.content![6]!.content![0]!.text).toBe('[image non importée : plan du quartier]')
    // Searchable at once, before anyone opens it: its text is written with it.
    const found = await clients.secretariat.get<SearchResponse>('/api/search?q=allonger')
    expect(found.body.results.map((r) => r.id)).toContain(res.body.id)
  })

  it('keeps a document’s structure through an export to Word and an import back', async () => {
    const original = await buildDocument(db, world.cities.pilot, { kind: 'thematic_sheet', title: 'Aller-retour', by: world.people.pilot })
    const cell = (type: string, t: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })
    const item = (t: string, nested?: PmNode) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }, ...(nested ? [nested] : [])],
    })
    await editAs(db, original.id, world.people.pilot.id, (doc) =>
      insertContent(doc, {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Contexte' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'fort', marks: [{ type: 'bold' }] },
              { type: 'text', text: ' et ' },
              { type: 'text', text: 'lien', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
            ],
          },
          { type: 'bulletList', content: [item('a', { type: 'bulletList', content: [item('a.1')] }), item('b')] },
          { type: 'orderedList', content: [item('un'), item('deux')] },
          {
            type: 'taskList',
            content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'fait' }] }] }],
          },
          {
            type: 'table',
            content: [
              { type: 'tableRow', content: [cell('tableHeader', 'Ville'), cell('tableHeader', 'Rôle')] },
              { type: 'tableRow', content: [cell('tableCell', 'Lyon'), cell('tableCell', 'Pilote')] },
            ],
          },
        ],
      }),
    )
    const before = await content(original.id)
    const exported = await app.app.request(`${ORIGIN}/api/documents/${original.id}/export?format=docx`, { headers: { cookie: clients.pilot.cookie } })
    expect(exported.status).toBe(200)
    const res = await upload(clients.pilot, { name: 'aller-retour.docx', bytes: new Uint8Array(await exported.arrayBuffer()) }, world.cities.pilot)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const after = await content(res.body.id)
    /** A block's structure: its types all the way down and its words, without the attributes Word does not keep (widths, ids). */
    const shape = (n: PmNode): unknown => [
      n.type,
      n.type === 'heading' ? n.attrs!.level : (n.attrs?.checked ?? null),
      n.text ?? null,
      (n.marks ?? []).map((m) => m.type),
      (n.content ?? []).map(shape),
    ]
    // The export opens with a cover (the title and the document's facts); the body follows it unchanged.
    const body = after.content!.slice(after.content!.length - before.content!.length)
    expect(body.map(shape)).toEqual(before.content!.map(shape))
  })

  describe('refuses, storing nothing', () => {
    let docx: Uint8Array
    beforeAll(async () => {
      docx = await richDocx()
    })

    const refused = async (client: Client | null, file: { name: string; bytes: Uint8Array }, space: Space, status: number, code: string, message?: RegExp) => {
      const before = await stored()
      const res = await upload(client, file, space)
      expect(res.status, JSON.stringify(res.body)).toBe(status)
      expect(res.body.error.code).toBe(code)
      if (message) expect(res.body.error.message).toMatch(message)
      expect(await stored()).toEqual(before)
    }

    it('a PNG renamed .docx, and binary named .md (415)', async () => {
      await refused(clients.member, { name: 'rapport.docx', bytes: PNG }, world.cities.member, 415, 'unsupported_media_type', /Word.*Markdown/)
      await refused(clients.member, { name: 'rapport.md', bytes: PNG }, world.cities.member, 415, 'unsupported_media_type')
    })

    it('a zip that is not a Word document (415)', async () => {
      await refused(
        clients.member,
        { name: 'archive.docx', bytes: zipOfZeros('notes.txt', 10) },
        world.cities.member,
        415,
        'unsupported_media_type',
        /not a Word document/,
      )
    })

    it('a truncated Word file (422, damaged)', async () => {
      await refused(
        clients.member,
        { name: 'coupé.docx', bytes: docx.subarray(0, Math.floor(docx.length / 2)) },
        world.cities.member,
        422,
        'unreadable_file',
        /damaged/,
      )
    })

    it('a password-protected Word file, an OLE compound file (422, password)', async () => {
      const ole = new Uint8Array(4096)
      ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
      ole.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024)
      await refused(clients.member, { name: 'secret.docx', bytes: ole }, world.cities.member, 422, 'unreadable_file', /password/)
    })

    it('a zip bomb, by its declared sizes and by what it really unpacks to (413)', async () => {
      // 32 MB of zeros deflate to a few dozen KB: over the unpacked budget (ten times the 1 MB limit), and the ratio.
      const bomb = zipOfZeros('word/document.xml', 32 * 1024 * 1024)
      expect(bomb.length).toBeLessThan(MAX)
      await refused(clients.member, { name: 'bombe.docx', bytes: bomb }, world.cities.member, 413, 'payload_too_large', /zip bomb/)
      // One that declares a tiny size is cut off as soon as it inflates past it.
      await refused(clients.member, { name: 'menteuse.docx', bytes: lyingSizes(bomb, 1000) }, world.cities.member, 413, 'payload_too_large', /zip bomb/)
    })

    it('a Word file that would unpack to more than 50 MB, however large an import may be (413)', async () => {
      const { config } = app.deps
      config.importMaxBytes = 20 * 1024 * 1024
      onTestFinished(() => {
        config.importMaxBytes = MAX
      })
      // Six 10 MB parts that deflate a hundredfold: each within the ratio, together past the budget (not ten times 20 MB).
      const part = new Uint8Array(10 * 1024 * 1024)
      for (let i = 0; i < part.length; i += 64) part[i] = (i * 2654435761) >>> 24
      const files: Zippable = { 'word/document.xml': [part, { level: 1 }] }
      for (let i = 0; i < 5; i++) files[`word/part${i}.xml`] = [part, { level: 1 }]
      const zip = zipSync(files)
      expect(zip.length).toBeLessThan(MAX)
      await refused(clients.member, { name: 'volumineux.docx', bytes: zip }, world.cities.member, 413, 'payload_too_large', /more than 50 MB.*zip bomb/)
    })

    it('a file over the size limit, while reading it and at once from its Content-Length (413)', async () => {
      const big = new Uint8Array(MAX + 1).fill(0x61)
      await refused(clients.member, { name: 'long.md', bytes: big }, world.cities.member, 413, 'payload_too_large', /larger than the 1 MB an import may be/)
      const { type, head } = formStart(world.cities.member, 'long.md', new Uint8Array(10))
      const before = await stored()
      const res = await app.app.request(`${ORIGIN}/api/documents/import`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: clients.member.cookie, 'content-type': type, 'content-length': String(50 * MAX) },
        body: endless(head),
        duplex: 'half',
      } as RequestInit)
      expect(res.status).toBe(413)
      expect(((await res.json()) as Reply['body']).error.message).toMatch(/an import may be/)
      expect(await stored()).toEqual(before)
    })

    it('a small file followed by a large part the parser skips: the whole body is bounded (413)', async () => {
      const form = new FormData()
      form.append('space', JSON.stringify(world.cities.member))
      form.append('file', new Blob([new TextEncoder().encode('# Court')]), 'court.md')
      form.append('file', new Blob([new Uint8Array(MAX + 100 * 1024)]), 'second.md')
      const before = await stored()
      const res = await app.app.request(`${ORIGIN}/api/documents/import`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: clients.member.cookie },
        body: form,
      })
      expect(res.status).toBe(413)
      expect(((await res.json()) as Reply['body']).error.message).toMatch(/an import may be/)
      expect(await stored()).toEqual(before)
    })

    it('a file that takes longer than the import’s time bound: its thread is ended', async () => {
      const limits = { maxInflatedBytes: 10 * MAX, maxRatio: 200, maxEntries: 2000, maxDocumentBytes: 16 * MAX, maxDocumentItems: 500_000 }
      await expect(importOnThread({ bytes: docx, filename: 'lent.docx', limits }, 50)).rejects.toThrow('took more than 0.05 s')
    })

    it('a file that would make a document larger than writers may make one (413)', async () => {
      const { collab } = app.deps.config
      const before = collab.maxDocumentItems
      collab.maxDocumentItems = 1000
      onTestFinished(() => {
        collab.maxDocumentItems = before
      })
      const paragraphs = new TextEncoder().encode(Array.from({ length: 1500 }, (_, i) => `Paragraphe ${i}`).join('\n\n'))
      await refused(clients.member, { name: 'long.md', bytes: paragraphs }, world.cities.member, 413, 'payload_too_large', /larger than a document may be/)
    })

    it('a cross-site form (no Origin of ours) (403)', async () => {
      const form = new FormData()
      form.append('space', JSON.stringify(world.cities.member))
      form.append('file', new Blob([new TextEncoder().encode('# Forgé')]), 'forge.md')
      const before = await stored()
      const res = await app.app.request(`${ORIGIN}/api/documents/import`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', cookie: clients.member.cookie },
        body: form,
      })
      expect(res.status).toBe(403)
      expect(((await res.json()) as Reply['body']).error.code).toBe('csrf_failed')
      expect(await stored()).toEqual(before)
    })

    it('a JSON body (415)', async () => {
      const res = await clients.member.request('POST', '/api/documents/import', { json: { space: world.cities.member } })
      expect(res.status).toBe(415)
    })

    it('from a funder, a member city into the network, another city’s team, someone of another network, before reading the file', async () => {
      const cases: [Client, Space][] = [
        [clients.funder, world.network],
        [clients.member, world.network],
        [clients.other, world.cities.member],
        [clients.outsider, world.cities.pilot],
      ]
      for (const [client, space] of cases) {
        await refused(client, { name: 'plan.docx', bytes: docx }, space, 403, 'forbidden')
        // A file that never ends is not read on: the refusal comes all the same.
        const { type, head } = formStart(space, 'plan.docx', docx.subarray(0, 100))
        const res = await app.app.request(`${ORIGIN}/api/documents/import`, {
          method: 'POST',
          headers: { origin: ORIGIN, cookie: client.cookie, 'content-type': type },
          body: endless(head),
          duplex: 'half',
        } as RequestInit)
        expect(res.status).toBe(403)
      }
    })

    /** A 20 MB form made as the server reads it: `taken()` tells how much of it the server has read. */
    function streamedForm(space: Space, fileField: string) {
      const boundary = 'atelier-boundary'
      const chunk = new Uint8Array(64 * 1024).fill(0x61)
      const parts = [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="space"\r\n\r\n${JSON.stringify(space)}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="gros.md"\r\nContent-Type: text/markdown\r\n\r\n`,
        ),
        ...Array.from({ length: 320 }, () => chunk),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]
      let taken = 0
      let next = 0
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const part = parts[next++]
            if (!part) return controller.close()
            taken += part.length
            controller.enqueue(part)
          },
        },
        // Nothing is made before the server asks for it.
        { highWaterMark: 0 },
      )
      return { type: `multipart/form-data; boundary=${boundary}`, body, taken: () => taken }
    }

    const sendStreamed = async (client: Client | null, form: ReturnType<typeof streamedForm>) => {
      const headers: Record<string, string> = { origin: ORIGIN, 'content-type': form.type }
      if (client) headers.cookie = client.cookie
      const res = await app.app.request(`${ORIGIN}/api/documents/import`, { method: 'POST', headers, body: form.body, duplex: 'half' } as RequestInit)
      return { status: res.status, body: (await res.json()) as Reply['body'] }
    }

    it('a 20 MB file from a reader of the space (403) or someone signed out (401), answered having read little of it', async () => {
      const { config } = app.deps
      config.importMaxBytes = 32 * 1024 * 1024
      onTestFinished(() => {
        config.importMaxBytes = MAX
      })
      const before = await stored()
      for (const [client, status] of [
        [clients.funder, 403],
        [null, 401],
      ] as const) {
        const form = streamedForm(world.network, 'file')
        const res = await sendStreamed(client, form)
        expect(res.status, JSON.stringify(res.body)).toBe(status)
        expect(form.taken()).toBeLessThan(256 * 1024)
      }
      expect(await stored()).toEqual(before)
    })

    it('a file sent under another name than "file", refused without reading it (400)', async () => {
      const { config } = app.deps
      config.importMaxBytes = 32 * 1024 * 1024
      onTestFinished(() => {
        config.importMaxBytes = MAX
      })
      const form = streamedForm(world.cities.member, 'document')
      const res = await sendStreamed(clients.member, form)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(/"document".*field "file"/)
      expect(form.taken()).toBeLessThan(256 * 1024)
    })

    it('from someone signed out (401), and a process kind or a bad space (400)', async () => {
      await refused(null, { name: 'plan.docx', bytes: docx }, world.cities.member, 401, 'unauthenticated')
      const before = await stored()
      const res = await upload(clients.member, { name: 'plan.docx', bytes: docx }, world.cities.member, { kind: 'visit_report' })
      expect(res.status).toBe(400)
      const bad = await upload(clients.member, { name: 'plan.docx', bytes: docx }, { type: 'planet', id: 'x' })
      expect(bad.status).toBe(400)
      expect(await stored()).toEqual(before)
    })
  })
  describe('shares the conversion threads', () => {
    const markdown = { name: 'court.md', bytes: new TextEncoder().encode('# Court'), type: 'text/markdown' }

    /** An upload that sends the form up to the file's first bytes, then holds on until `end()`: an import under way. */
    function heldUpload(client: Client, space: Space) {
      const { type, head } = formStart(space, 'attente.md', new TextEncoder().encode('# Attente'))
      let controller!: ReadableStreamDefaultController<Uint8Array>
      let reading!: () => void
      // Asked for more once the server has read the head, which it does once the import is counted.
      const read = new Promise<void>((resolve) => {
        reading = resolve
      })
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c
          c.enqueue(head)
        },
        pull: () => reading(),
      })
      const answer = app.app.request(`${ORIGIN}/api/documents/import`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: client.cookie, 'content-type': type },
        body,
        duplex: 'half',
      } as RequestInit)
      let ended: Promise<number> | null = null
      const end = () => {
        ended ??= (async () => {
          controller.close()
          return (await answer).status
        })()
        return ended
      }
      onTestFinished(async () => {
        await end()
      })
      return { read, end }
    }

    /** Takes both conversion threads (and as many places in the queue as `waiting`) until the function returned is called. */
    function busyThreads(waiting: number) {
      let free!: () => void
      const busy = new Promise<void>((resolve) => {
        free = resolve
      })
      const limits = { perUser: 2, waiting, waitMs: 60_000 }
      const jobs = Array.from({ length: 2 + waiting }, () => inTurn(limits, () => busy))
      const release = async () => {
        free()
        await Promise.all(jobs)
      }
      onTestFinished(release)
      return release
    }

    it('a third import at once from the same person (429, with when to try again), while others still import', async () => {
      const held = [heldUpload(clients.member, world.cities.member), heldUpload(clients.member, world.cities.member)]
      await Promise.all(held.map((h) => h.read))
      const before = await stored()
      const third = await upload(clients.member, markdown, world.cities.member)
      expect(third.status).toBe(429)
      expect(third.headers.get('retry-after')).toBe('60')
      expect(third.body.error).toMatchObject({ code: 'rate_limited', message: 'You already have 2 imports under way; try again once one has finished' })
      expect(await stored()).toEqual(before)
      expect((await upload(clients.pilot, markdown, world.cities.pilot)).status).toBe(201)
      // Once one of them has ended (cut short, so refused), the person may import again.
      expect(await held[0]!.end()).toBe(400)
      expect((await upload(clients.member, markdown, world.cities.member)).status).toBe(201)
    })

    it('an import while both threads convert and the queue is full (503, with when to try again)', async () => {
      const { importQueue } = app.deps.config
      const waiting = importQueue.waiting
      importQueue.waiting = 1
      onTestFinished(() => {
        importQueue.waiting = waiting
      })
      const release = busyThreads(1)
      const before = await stored()
      const res = await upload(clients.pilot, markdown, world.cities.pilot)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('60')
      expect(res.body.error).toMatchObject({ code: 'unavailable', message: 'Too many imports are under way; try again in a minute' })
      expect(await stored()).toEqual(before)
      await release()
      expect((await upload(clients.pilot, markdown, world.cities.pilot)).status).toBe(201)
    })

    it('an import that waits for a thread longer than it may (503), the threads serving the next ones all the same', async () => {
      const { importQueue } = app.deps.config
      const waitMs = importQueue.waitMs
      importQueue.waitMs = 200
      onTestFinished(() => {
        importQueue.waitMs = waitMs
      })
      const release = busyThreads(0)
      const before = await stored()
      const res = await upload(clients.pilot, markdown, world.cities.pilot)
      expect(res.status).toBe(503)
      expect(res.body.error.code).toBe('unavailable')
      expect(await stored()).toEqual(before)
      await release()
      // The turn it gave up is not lost: two imports still convert side by side.
      const [a, b] = await Promise.all([upload(clients.pilot, markdown, world.cities.pilot), upload(clients.member, markdown, world.cities.member)])
      expect([a.status, b.status]).toEqual([201, 201])
    })
  })
})
