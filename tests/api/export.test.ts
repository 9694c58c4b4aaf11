import JSZip from 'jszip'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../server/demo/seed'
import { hashPassword } from '../../server/auth/passwords'
import { addGrant } from '../../server/data/grants'
import { insertUpdates } from '../../server/data/live-documents'
import { createUser } from '../../server/data/users'
import { createCity } from '../../server/data/workspace'
import { insertContent } from '../helpers/content'
import type { DocumentSummary } from '../../shared/api'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { Client, DEMO_PASSWORD, ORIGIN, testApp } from '../helpers/app'
import { storedDoc } from '../helpers/comments'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

describe.each(DRIVERS)('exporting a document (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let funder: Client
  let outsider: Client
  let network: DocumentSummary
  let cityPlan: DocumentSummary
  let networkName: string

  /** The file as bytes: the JSON test client would read it as text. */
  const download = async (client: Client, path: string) => {
    const res = await app.app.request(`${ORIGIN}${path}`, { headers: { cookie: client.cookie } })
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
  }

  beforeAll(async () => {
    db = await openTestDb(driver)
    await seedDemo(db, DEMO_PASSWORD)
    const elsewhere = await createCity(db, { name: 'Ailleurs' })
    const someone = await createUser(db, { email: 'ailleurs@example.org', name: 'Personne d’ailleurs', passwordHash: await hashPassword(DEMO_PASSWORD) })
    await addGrant(db, { userId: someone.id, role: 'city_team', space: { type: 'city', id: elsewhere.id } })
    app = testApp(db)
    funder = app.client()
    await funder.login('financeur@demo.atelier')
    outsider = app.client()
    await outsider.login('ailleurs@example.org')
    const secretariat = app.client()
    await secretariat.login('secretariat@demo.atelier')
    const all = (await secretariat.get<DocumentSummary[]>('/api/documents')).body
    network = all.find((d) => d.title === 'Fiche constitutive du Réseau collaboratif')!
    cityPlan = all.find((d) => d.title === 'Plan d’action — Dakar')!
    networkName = (await db.query<{ name: string }>('select name from networks'))[0]!.name

    // Tunis's team writes a table into the network's sheet, as its socket would have stored it.
    const [leila] = await db.query<{ id: string }>(`select id from users where email = 'tunis@demo.atelier'`)
    const doc = await storedDoc(db, network.id)
    const before = Y.encodeStateVector(doc)
    const cell = (type: string, text: string) => ({ type, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    insertContent(doc, {
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', 'Ville'), cell('tableHeader', 'Rôle')] },
            { type: 'tableRow', content: [cell('tableCell', 'Tunis'), cell('tableCell', 'Ville membre')] },
          ],
        },
      ],
    })
    await insertUpdates(db, [{ documentId: network.id, userId: leila!.id, data: Y.encodeStateAsUpdate(doc, before), clientIds: [doc.clientID] }])
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
      `attachment; filename="Fiche-constitutive-du-Reseau-collaboratif_${today}.docx"; ` +
        `filename*=UTF-8''Fiche-constitutive-du-R%C3%A9seau-collaboratif_${today}.docx`,
    )
    const xml = await (await JSZip.loadAsync(res.bytes)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>Fiche constitutive du Réseau collaboratif<\/w:t>/s)
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/)
    const table = /<w:tbl>(.*?)<\/w:tbl>/s.exec(xml)![1]!
    for (const word of ['Ville', 'Rôle', 'Tunis', 'Ville membre']) expect(table).toContain(`>${word}</w:t>`)
  })

  it('states network, document, version, date and the people who wrote it, with their city', async () => {
    const res = await download(funder, `/api/documents/${network.id}/export?format=md`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8')
    const md = new TextDecoder().decode(res.bytes)
    const cover = md.slice(0, md.indexOf('\n---\n'))
    expect(cover).toContain(`- **Réseau**\u00a0: ${networkName}`)
    expect(cover).toContain('- **Version**\u00a0: version en cours')
    expect(cover).toContain('- **Contributeurs**\u00a0: Claire Dubois, Leïla Ben Salah (Tunis)')
    expect(cover).toContain('- **Villes contributrices**\u00a0: Tunis')
    expect(md).toContain('| Ville | Rôle |')
  })

  it('names the city of a city’s document, for those who may read it', async () => {
    const pilot = app.client()
    await pilot.login('pilote@demo.atelier')
    const res = await download(pilot, `/api/documents/${cityPlan.id}/export?format=pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(res.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Plan-d-action-Dakar_\d{4}-\d{2}-\d{2}\.pdf"/)
    const md = new TextDecoder().decode((await download(pilot, `/api/documents/${cityPlan.id}/export?format=md`)).bytes)
    expect(md).toContain('- **Ville**\u00a0: Dakar')
    expect(md).toContain(`- **Réseau**\u00a0: ${networkName}`)
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
    const secretariat = app.client()
    await secretariat.login('secretariat@demo.atelier')
    const saved = await secretariat.post<{ id: string }>(`/api/documents/${network.id}/versions`, { name: 'V1 — avant expérimentation' })
    expect(saved.status).toBe(201)
    // Written after V1: in the live export, not in V1's.
    const [claire] = await db.query<{ id: string }>(`select id from users where email = 'secretariat@demo.atelier'`)
    const doc = await storedDoc(db, network.id)
    const before = Y.encodeStateVector(doc)
    insertContent(doc, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ajouté après la V1.' }] }] })
    await insertUpdates(db, [{ documentId: network.id, userId: claire!.id, data: Y.encodeStateAsUpdate(doc, before), clientIds: [doc.clientID] }])

    const v1 = await download(funder, `/api/documents/${network.id}/export?format=md&version=${saved.body.id}`)
    expect(v1.status).toBe(200)
    expect(v1.headers.get('content-disposition')).toMatch(/filename="Fiche-constitutive-du-Reseau-collaboratif_V1-avant-experimentation_\d{4}-\d{2}-\d{2}\.md"/)
    const md = new TextDecoder().decode(v1.bytes)
    expect(md).toMatch(/- \*\*Version\*\*\u00a0: V1 — avant expérimentation \(/)
    expect(md).toContain('| Ville | Rôle |')
    expect(md).not.toContain('Ajouté après la V1.')
    const live = new TextDecoder().decode((await download(funder, `/api/documents/${network.id}/export?format=md`)).bytes)
    expect(live).toContain('Ajouté après la V1.')
  })
})
