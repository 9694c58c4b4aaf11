import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertContent } from '../helpers/content'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, ORIGIN, testApp } from '../helpers/app'
import { editAs } from '../helpers/versions'
import { buildCity, buildDocument, buildNetwork, buildPerson, buildWorld, signIn, WORLD, type BuiltDocument, type World } from '../helpers/world'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** An accented title, to see it in file names with and without its accents. */
const SHEET = 'Fiche réseau d’essai'

describe.each(DRIVERS)('exporting a document (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let world: World
  let funder: Client
  let outsider: Client
  let network: BuiltDocument
  let cityPlan: BuiltDocument

  /** The file as bytes: the JSON test client would read it as text. */
  const download = async (client: Client, path: string) => {
    const res = await app.app.request(`${ORIGIN}${path}`, { headers: { cookie: client.cookie } })
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
  }

  /** A network sheet the secretariat created, into which a member city's team wrote a table (as its socket would have stored it). */
  async function sheetWithTable(): Promise<BuiltDocument> {
    const sheet = await buildDocument(db, world.network, { kind: 'network_constitution', title: SHEET, by: world.people.secretariat })
    const cell = (type: string, text: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    await editAs(db, sheet.id, world.people.member.id, (doc) =>
      insertContent(doc, {
        type: 'doc',
        content: [
          {
            type: 'table',
            content: [
              { type: 'tableRow', content: [cell('tableHeader', 'Ville'), cell('tableHeader', 'Rôle')] },
              { type: 'tableRow', content: [cell('tableCell', WORLD.cities.member), cell('tableCell', 'Ville membre')] },
            ],
          },
        ],
      }),
    )
    return sheet
  }

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
    funder = await signIn(app, world.people.funder)
    // Someone with a role in a city of another network only.
    const elsewhere = await buildCity(db, await buildNetwork(db, 'Other Network'), 'member', 'Elsewhere')
    outsider = await signIn(app, await buildPerson(db, 'Oscar Outsider', [{ role: 'city_team', on: elsewhere }]))
    network = await sheetWithTable()
    cityPlan = world.documents.city
  })
  afterAll(() => db.drop())

  it('gives a reader (the funder) a Word file that opens, with its headings, its table and a meaningful name', async () => {
    const day = () => new Date().toISOString().slice(0, 10)
    const before = day()
    const res = await download(funder, `/api/documents/${network.id}/export?format=docx`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(DOCX)
    expect(res.headers.get('content-length')).toBe(String(res.bytes.byteLength))
    // The name carries the export's day (which may turn during the request).
    const today = /_(\d{4}-\d{2}-\d{2})\.docx"/.exec(res.headers.get('content-disposition') ?? '')?.[1]
    expect([before, day()]).toContain(today)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Fiche-reseau-d-essai_${today}.docx"; ` + `filename*=UTF-8''Fiche-r%C3%A9seau-d-essai_${today}.docx`,
    )
    const xml = await (await JSZip.loadAsync(res.bytes)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>.*?<w:t[^>]*>${SHEET}</w:t>`, 's'))
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/)
    const table = /<w:tbl>(.*?)<\/w:tbl>/s.exec(xml)![1]!
    for (const word of ['Ville', 'Rôle', WORLD.cities.member, 'Ville membre']) expect(table).toContain(`>${word}</w:t>`)
  })

  it('states network, document, version, date and the people who wrote it, with their city', async () => {
    const res = await download(funder, `/api/documents/${network.id}/export?format=md`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const md = new TextDecoder().decode(res.bytes)
    const cover = md.slice(0, md.indexOf('\n---\n'))
    expect(cover).toContain(`- **Réseau**\u00a0: ${WORLD.network}`)
    expect(cover).toContain('- **Version**\u00a0: version en cours')
    expect(cover).toContain(`- **Contributeurs**\u00a0: Max Member (${WORLD.cities.member}), Sam Secretariat`)
    expect(cover).toContain(`- **Villes contributrices**\u00a0: ${WORLD.cities.member}`)
    expect(md).toContain('| Ville | Rôle |')
  })

  it('names the city of a city’s document, for those who may read it', async () => {
    const pilot = await signIn(app, world.people.pilot)
    const res = await download(pilot, `/api/documents/${cityPlan.id}/export?format=pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Pilot-City-Plan_\d{4}-\d{2}-\d{2}\.pdf"/)
    const md = new TextDecoder().decode((await download(pilot, `/api/documents/${cityPlan.id}/export?format=md`)).bytes)
    expect(md).toContain(`- **Ville**\u00a0: ${WORLD.cities.pilot}`)
    expect(md).toContain(`- **Réseau**\u00a0: ${WORLD.network}`)
  })

  it('refuses those who may not read the document, and those not signed in', async () => {
    expect((await funder.get(`/api/documents/${cityPlan.id}/export?format=md`)).status).toBe(403)
    expect((await outsider.get(`/api/documents/${network.id}/export?format=docx`)).status).toBe(403)
    expect((await app.client().get(`/api/documents/${network.id}/export?format=md`)).status).toBe(401)
  })

  it('says which formats exist when asked for another, or none, and refuses a version that is no version id', async () => {
    for (const query of ['format=odt', '']) {
      const res = await funder.get(`/api/documents/${network.id}/export?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
      expect(res.body.error.message).toContain('format: must be docx, md or pdf')
    }
    const version = await funder.get(`/api/documents/${network.id}/export?format=md&version=V1`)
    expect(version.status).toBe(400)
    expect(version.body.error.message).toContain('version: must be a version id')
  })

  it('answers 404 for a version that does not exist, or a document that does not', async () => {
    const version = await funder.get(`/api/documents/${network.id}/export?format=md&version=${crypto.randomUUID()}`)
    expect(version.status).toBe(404)
    expect(version.body.error.message).toBe('No such version')
    expect((await funder.get(`/api/documents/${crypto.randomUUID()}/export?format=md`)).status).toBe(404)
    expect((await funder.get(`/api/documents/not-an-id/export?format=md`)).status).toBe(404)
  })

  it('exports a saved version as it was, named on its first page and in its file name', async () => {
    // A sheet of its own: what is written after V1 replaces the table the other tests export.
    const sheet = await sheetWithTable()
    const secretariat = await signIn(app, world.people.secretariat)
    const saved = await secretariat.post<{ id: string }>(`/api/documents/${sheet.id}/versions`, { name: 'V1 — avant expérimentation' })
    expect(saved.status).toBe(201)
    // Written after V1: in the live export, not in V1's.
    await editAs(db, sheet.id, world.people.secretariat.id, (doc) =>
      insertContent(doc, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ajouté après la V1.' }] }] }),
    )

    const v1 = await download(funder, `/api/documents/${sheet.id}/export?format=md&version=${saved.body.id}`)
    expect(v1.status).toBe(200)
    expect(v1.headers.get('content-disposition')).toMatch(/filename="Fiche-reseau-d-essai_V1-avant-experimentation_\d{4}-\d{2}-\d{2}\.md"/)
    const md = new TextDecoder().decode(v1.bytes)
    expect(md).toMatch(/- \*\*Version\*\*\u00a0: V1 — avant expérimentation \(/)
    expect(md).toContain('| Ville | Rôle |')
    expect(md).not.toContain('Ajouté après la V1.')
    const live = new TextDecoder().decode((await download(funder, `/api/documents/${sheet.id}/export?format=md`)).bytes)
    expect(live).toContain('Ajouté après la V1.')
  })
})
