import { captureState } from '../../server/versions/state'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDocument } from '../../server/data/documents'
import type { Comparison, VersionDetail, VersionList, VersionSummary } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, testApp } from '../helpers/app'
import { storedDoc } from '../helpers/comments'
import { appendParagraphTo, editAs, lastParagraph } from '../helpers/versions'
import { docText } from '../helpers/collab'
import { buildDocument, buildWorld, signIn, WORLD, type World } from '../helpers/world'

/**
 * Versions through the REST API, on each database driver: named versions, automatic ones
 * only on change, locking, comparing with authors, restoring, and who may do what.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

describe.each(DRIVERS)('versions on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let world: World
  const as: Record<string, Client> = {}
  const ids: Record<string, string> = {}
  const docs: Record<string, string> = {}

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
    for (const [who, person] of Object.entries(world.people)) {
      as[who] = await signIn(app, person)
      ids[who] = person.id
    }
    docs.constitution = world.documents.network.id
  })
  afterAll(async () => {
    await app.deps.hub.shutdown()
    await db.drop()
  })

  /** A network document of the test's own, whose history no other test touches. */
  const ownDocument = async () => (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
  const url = (doc: string, rest = '') => `/api/documents/${docs[doc] ?? doc}/versions${rest}`
  const save = (who: string, doc: string, name: string) => as[who]!.post<VersionSummary & ApiErrorBody>(url(doc), { name })
  const list = async (who: string, doc: string) => (await as[who]!.get<VersionList>(url(doc))).body.versions
  const words = (text: string) => text.split(/\s+/).filter(Boolean)

  /** What the collab layer does after an idle period: an automatic version of the current state. */
  const automatic = async (doc: string) => {
    const row = (await getDocument(db, docs[doc] ?? doc))!
    const ydoc = await storedDoc(db, row.id)
    await app.deps.versions.automatic(row.id, row.space, async () => captureState(ydoc))
    ydoc.destroy()
  }

  it('saves a named version of the current state, with its author and the people who wrote', async () => {
    const problem = await ownDocument()
    await editAs(db, problem, ids.pilot!, (d) => appendParagraphTo(d, 'Les quartiers périphériques manquent de transport'))
    const res = await save('pilot', problem, '  V1 — avant expérimentation ')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      kind: 'named',
      name: 'V1 — avant expérimentation',
      createdBy: { id: ids.pilot, name: 'Pat Pilot', city: WORLD.cities.pilot },
      restoredFrom: null,
      locked: null,
      allowed: { rename: true, delete: true, lock: false, restore: true },
    })
    expect(res.body.contributors.map((p) => p.id)).toContain(ids.pilot)

    const detail = await as.funder!.get<VersionDetail>(url(problem, `/${res.body.id}`))
    expect(detail.status).toBe(200)
    expect(detail.body.text).toContain('Les quartiers périphériques manquent de transport')
    expect(detail.body.prosemirror.type).toBe('doc')
    expect(detail.body.allowed).toEqual({ rename: false, delete: false, lock: false, restore: false })
  })

  it('stores an automatic version only when the document changed since the last version', async () => {
    // Edited, then saved as a named version: nothing changed since the last version.
    const problem = await ownDocument()
    await editAs(db, problem, ids.pilot!, (d) => appendParagraphTo(d, 'Les quartiers périphériques manquent de transport'))
    expect((await save('pilot', problem, 'V1')).status).toBe(201)
    const before = (await list('pilot', problem)).length
    await automatic(problem)
    expect(await list('pilot', problem)).toHaveLength(before)

    await editAs(db, problem, ids.secretariat!, (d) => appendParagraphTo(d, 'Une ligne de bus express'))
    await automatic(problem)
    await automatic(problem)
    const versions = await list('pilot', problem)
    expect(versions).toHaveLength(before + 1)
    expect(versions[0]).toMatchObject({ kind: 'automatic', name: null, createdBy: null })
    expect(versions[0]!.contributors.map((p) => p.id)).toEqual([ids.secretariat])
  })

  it('renames and deletes named versions until the secretariat locks one', async () => {
    // A document with an automatic version in its history.
    const problem = await ownDocument()
    await editAs(db, problem, ids.secretariat!, (d) => appendParagraphTo(d, 'Une ligne de bus express'))
    await automatic(problem)
    const v = (await save('pilot', problem, 'Brouillon')).body
    expect((await as.pilot!.patch<VersionSummary>(url(problem, `/${v.id}`), { name: 'Brouillon relu' })).body.name).toBe('Brouillon relu')
    expect((await as.pilot!.post(url(problem, `/${v.id}/lock`))).status).toBe(403)
    const locked = await as.secretariat!.post<VersionSummary>(url(problem, `/${v.id}/lock`))
    expect(locked.status).toBe(200)
    expect(locked.body.locked).toMatchObject({ by: { id: ids.secretariat } })
    expect(locked.body.allowed).toMatchObject({ rename: false, delete: false, lock: false })

    const rename = await as.pilot!.patch<ApiErrorBody>(url(problem, `/${v.id}`), { name: 'Autre' })
    expect(rename.status).toBe(409)
    expect(rename.body.error.code).toBe('version_locked')
    const remove = await as.secretariat!.delete<ApiErrorBody>(url(problem, `/${v.id}`))
    expect(remove.status).toBe(409)
    expect(remove.body.error.message).toMatch(/locked/)
    expect((await list('funder', problem)).find((x) => x.id === v.id)?.name).toBe('Brouillon relu')

    const other = (await save('pilot', problem, 'À jeter')).body
    expect((await as.pilot!.delete(url(problem, `/${other.id}`))).status).toBe(204)
    expect((await as.pilot!.delete(url(problem, `/${other.id}`))).status).toBe(404)
    // Automatic versions are the history's to keep.
    const auto = (await list('pilot', problem)).find((x) => x.kind === 'automatic')!
    expect((await as.pilot!.delete(url(problem, `/${auto.id}`))).status).toBe(409)
  })

  it('refuses what the policy refuses, and bad input', async () => {
    const problem = await ownDocument()
    expect((await save('pilot', problem, 'V1')).status).toBe(201)
    expect((await save('funder', problem, 'Non')).status).toBe(403)
    expect((await save('member', problem, 'Non')).status).toBe(403)
    expect((await as.funder!.get(url(problem))).status).toBe(200)
    const v = (await list('pilot', problem))[0]!
    expect((await as.funder!.post(url(problem, `/${v.id}/restore`))).status).toBe(403)
    expect((await as.expert!.post(url(problem, `/${v.id}/restore`))).status).toBe(403)
    expect((await save('pilot', problem, '')).status).toBe(400)
    expect((await save('pilot', problem, 'deux\nlignes')).status).toBe(400)
    expect((await as.pilot!.get(url(problem, `/${UNKNOWN}`))).status).toBe(404)
    expect((await as.pilot!.get(url('constitution', `/${v.id}`))).status).toBe(404)
    expect((await as.pilot!.get(`/api/documents/${problem}/compare?from=${v.id}&to=nope`)).status).toBe(400)
  })

  it('compares two versions word by word, with who wrote each addition', async () => {
    const doc = await ownDocument()
    await editAs(db, doc, ids.pilot!, (d) => appendParagraphTo(d, 'Le plan vise la mobilité urbaine'))
    const v1 = (await save('secretariat', doc, 'V1')).body
    await editAs(db, doc, ids.pilot!, (d) => lastParagraph(d).insert('Le plan'.length, ' ambitieux'))
    await editAs(db, doc, ids.secretariat!, (d) => {
      const text = lastParagraph(d)
      const at = text.toString().indexOf('urbaine')
      text.delete(at, 'urbaine'.length)
      text.insert(at, 'durable')
      appendParagraphTo(d, 'Budget validé en juin')
    })
    const v2 = (await save('pilot', doc, 'V2')).body
    expect(v2.contributors.map((p) => p.id).sort()).toEqual([ids.pilot, ids.secretariat].sort())

    const res = await as.funder!.get<Comparison>(`/api/documents/${doc}/compare?from=${v1.id}&to=${v2.id}`)
    expect(res.status).toBe(200)
    const segments = res.body.blocks.flatMap((b) => b.segments)
    const added = segments.filter((s) => s.op === 'added').flatMap((s) => words(s.text).map((w) => [w, s.author?.id, s.author?.city]))
    const removed = segments.filter((s) => s.op === 'removed').flatMap((s) => words(s.text))
    expect(added).toEqual([
      ['ambitieux', ids.pilot, WORLD.cities.pilot],
      ['durable', ids.secretariat, null],
      ['Budget', ids.secretariat, null],
      ['validé', ids.secretariat, null],
      ['en', ids.secretariat, null],
      ['juin', ids.secretariat, null],
    ])
    expect(removed).toEqual(['urbaine'])
    expect(res.body.counts).toEqual({ added: 6, removed: 1 })
    expect(res.body.authors.map((p) => p.id).sort()).toEqual([ids.pilot, ids.secretariat].sort())
    // In the document's own layout: the edited paragraph is one changed block, the new one an added block.
    const changed = res.body.blocks.filter((b) => b.status !== 'same')
    expect(changed.map((b) => [b.type, b.status])).toEqual([
      ['paragraph', 'changed'],
      ['paragraph', 'added'],
    ])
    expect(res.body.blocks.some((b) => b.type === 'heading' && b.status === 'same' && typeof b.attrs.level === 'number')).toBe(true)

    // Against the live document: nothing changed since V2.
    const live = await as.funder!.get<Comparison>(`/api/documents/${doc}/compare?from=${v2.id}&to=live`)
    expect(live.body.to.id).toBe('live')
    expect(live.body.counts).toEqual({ added: 0, removed: 0 })
  })

  it('restores a version as a new edit on top of the document, recorded as restored from it', async () => {
    // Two named versions, V1 then V2, each after an edit.
    const doc = await ownDocument()
    await editAs(db, doc, ids.pilot!, (d) => appendParagraphTo(d, 'Le plan vise la mobilité urbaine'))
    expect((await save('secretariat', doc, 'V1')).status).toBe(201)
    await editAs(db, doc, ids.secretariat!, (d) => appendParagraphTo(d, 'Budget validé en juin'))
    expect((await save('pilot', doc, 'V2')).status).toBe(201)
    const [v2, v1] = (await list('pilot', doc)).filter((v) => v.kind === 'named')
    await editAs(db, doc, ids.pilot!, (d) => appendParagraphTo(d, 'Ajout après V2'))
    const res = await as.pilot!.post<VersionSummary>(url(doc, `/${v1!.id}/restore`))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ kind: 'restore', restoredFrom: { id: v1!.id, name: 'V1' }, createdBy: { id: ids.pilot } })

    await app.deps.hub.stored()
    const stored = await storedDoc(db, doc)
    const v1Text = (await as.pilot!.get<VersionDetail>(url(doc, `/${v1!.id}`))).body.text
    expect(docText(stored)).toBe(v1Text)
    stored.destroy()

    // The state it replaced was kept as an automatic version, and nothing was rewritten.
    const versions = await list('pilot', doc)
    expect(versions.map((v) => v.kind).slice(0, 2)).toEqual(['restore', 'automatic'])
    expect(versions.find((v) => v.id === v2!.id)).toBeDefined()
    const back = await as.pilot!.get<Comparison>(`/api/documents/${doc}/compare?from=${v1!.id}&to=live`)
    expect(back.body.counts).toEqual({ added: 0, removed: 0 })
  })
})
