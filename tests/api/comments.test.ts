import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentSummary, MentionableList, NotificationList, ThreadList, ThreadView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import type { SpaceRef } from '../../shared/domain'
import type { DocumentKind } from '../../shared/templates'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, testApp } from '../helpers/app'
import { anchorIn, editStored, texts } from '../helpers/comments'
import { buildDocument, buildPerson, buildWorld, signIn, WORLD, type World } from '../helpers/world'

/**
 * Comments through the REST API, on each database driver: threads, replies, edits, deletion,
 * resolution, filters, counts, detached threads, mentions and the notifications inbox, and
 * every kind of bad input refused with nothing stored.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

describe.each(DRIVERS)('comments on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  /** Whose threads these are: the people of one world, shared by the tests (none adds anyone to it). */
  let world: World
  const as: Record<string, Client> = {}
  const ids: Record<string, string> = {}
  /** The world's documents, and a second network document; threads on them are each test's own. */
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
    docs.plan = world.documents.city.id
    docs.problem = (await buildDocument(db, world.network, { kind: 'problem_statement', by: world.people.secretariat })).id
  })
  afterAll(() => db.drop())

  /** A document of the test's own, for counts and lists that other tests' threads must not change. */
  const ownDocument = async (space: SpaceRef = world.network, kind: DocumentKind = 'problem_statement') =>
    (await buildDocument(db, space, { kind, by: world.people.secretariat })).id
  const idOf = (doc: string) => docs[doc] ?? doc
  const url = (doc: string, rest = '') => `/api/documents/${idOf(doc)}/comments${rest}`
  // The body is a ThreadView, or an error body when refused.
  const start = async (who: string, doc: string, body: string, extra: object = {}) =>
    as[who]!.post<ThreadView & ApiErrorBody>(url(doc), { anchor: await anchorIn(db, idOf(doc)), body, ...extra })
  const list = async (who: string, doc: string, query = '') => (await as[who]!.get<ThreadList>(url(doc, query))).body
  const inbox = async (who: string, query = '') => (await as[who]!.get<NotificationList>(`/api/notifications${query}`)).body
  const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n
  const counts = async () => ({ threads: await count('comment_threads'), comments: await count('comments'), notifications: await count('notifications') })

  it('starts a thread on words of the document, with who wrote it and from which city', async () => {
    const anchor = await anchorIn(db, docs.constitution!)
    const res = await as.member!.post<ThreadView>(url('constitution'), { anchor, body: '  Peut-on préciser ce point ?  ' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      documentId: docs.constitution,
      anchor: { ...anchor, quote: anchor.quote.trim() },
      status: 'open',
      detached: false,
      createdBy: { id: ids.member, name: 'Max Member', city: WORLD.cities.member },
      resolvedBy: null,
      allowed: { reply: true, resolve: true },
    })
    expect(res.body.comments).toHaveLength(1)
    expect(res.body.comments[0]).toMatchObject({ body: 'Peut-on préciser ce point ?', deleted: false, editedAt: null, allowed: { edit: true, delete: true } })

    // Everyone who reads the document sees it, with what they may do.
    const seen = await list('funder', 'constitution')
    expect(seen.threads.map((t) => t.id)).toContain(res.body.id)
    const forFunder = seen.threads.find((t) => t.id === res.body.id)!
    expect(forFunder.allowed).toEqual({ reply: false, resolve: false })
    expect(forFunder.comments[0]!.allowed).toEqual({ edit: false, delete: false })
    const forSecretariat = (await list('secretariat', 'constitution')).threads.find((t) => t.id === res.body.id)!
    expect(forSecretariat.allowed).toEqual({ reply: true, resolve: true })
    expect(forSecretariat.comments[0]!.allowed).toEqual({ edit: false, delete: true })
  })

  it('counts open threads on the document and in document lists', async () => {
    const problem = await ownDocument()
    const plan = await ownDocument(world.cities.pilot, 'action_plan')
    const before = (await as.pilot!.get<DocumentSummary>(`/api/documents/${problem}`)).body.openComments
    const a = (await start('pilot', problem, 'Premier')).body
    await start('expert', problem, 'Second')
    expect((await as.pilot!.get<DocumentSummary>(`/api/documents/${problem}`)).body.openComments).toBe(before + 2)
    await as.pilot!.post(url(problem, `/${a.id}/resolve`))
    const listed = (await as.funder!.get<DocumentSummary[]>('/api/documents')).body
    expect(listed.find((d) => d.id === problem)!.openComments).toBe(before + 1)
    expect(listed.find((d) => d.id === plan)).toBeUndefined()
    expect((await as.pilot!.get<DocumentSummary[]>('/api/documents')).body.find((d) => d.id === plan)!.openComments).toBe(0)
  })

  it('replies, edits and deletes: one’s own only, the secretariat may delete anyone’s', async () => {
    const thread = (await start('expert', 'constitution', 'Une remarque')).body
    const reply = await as.pilot!.post<ThreadView>(url('constitution', `/${thread.id}/replies`), { body: 'Une réponse' })
    expect(reply.status).toBe(201)
    expect(reply.body.comments.map((c) => [c.author?.name, c.body])).toEqual([
      ['Eva Expert', 'Une remarque'],
      ['Pat Pilot', 'Une réponse'],
    ])
    const [first, second] = reply.body.comments as [ThreadView['comments'][0], ThreadView['comments'][0]]

    const edit = (who: string, id: string, body: string) => as[who]!.patch<ThreadView>(url('constitution', `/${thread.id}/comments/${id}`), { body })
    expect((await edit('pilot', first.id, 'Pas à moi')).status).toBe(403)
    expect((await edit('secretariat', first.id, 'Pas à moi non plus')).status).toBe(403)
    const edited = await edit('expert', first.id, 'Une remarque, précisée')
    expect(edited.status).toBe(200)
    expect(edited.body.comments[0]).toMatchObject({ body: 'Une remarque, précisée' })
    expect(edited.body.comments[0]!.editedAt).toEqual(expect.any(String))

    const remove = (who: string, id: string) => as[who]!.delete(url('constitution', `/${thread.id}/comments/${id}`))
    expect((await remove('expert', second.id)).status).toBe(403)
    expect((await remove('secretariat', second.id)).status).toBe(204)
    // A deleted comment keeps its place, without its text.
    const after = (await list('expert', 'constitution')).threads.find((t) => t.id === thread.id)!
    expect(after.comments.map((c) => [c.deleted, c.body])).toEqual([
      [false, 'Une remarque, précisée'],
      [true, ''],
    ])
    expect((await remove('secretariat', second.id)).status).toBe(404)
    expect((await edit('pilot', second.id, 'Ressuscitée ?')).status).toBe(404)

    // The last comment takes the thread with it.
    expect((await remove('expert', first.id)).status).toBe(204)
    expect((await list('expert', 'constitution')).threads.map((t) => t.id)).not.toContain(thread.id)
    expect((await as.pilot!.post(url('constitution', `/${thread.id}/replies`), { body: 'Trop tard' })).status).toBe(404)
  })

  it('resolves and reopens: the thread’s author, a writer, or the secretariat', async () => {
    const thread = (await start('member', 'constitution', 'À trancher')).body
    const resolve = (who: string, what: 'resolve' | 'reopen' = 'resolve') => as[who]!.post<ThreadView>(url('constitution', `/${thread.id}/${what}`))
    expect((await resolve('expert')).status).toBe(403)
    expect((await resolve('funder')).status).toBe(403)
    const done = await resolve('pilot')
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ status: 'resolved', resolvedBy: { name: 'Pat Pilot', city: WORLD.cities.pilot } })
    expect(done.body.resolvedAt).toEqual(expect.any(String))
    // Resolving again changes nothing.
    expect((await resolve('secretariat')).body.resolvedBy!.name).toBe('Pat Pilot')
    expect((await resolve('advisory', 'reopen')).status).toBe(403)
    const reopened = await resolve('member', 'reopen')
    expect(reopened.body).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null })
    expect((await resolve('member')).body.status).toBe('resolved')
  })

  it('filters open, resolved and mine; counts ignore the filters', async () => {
    const problem = await ownDocument()
    const mine = (await start('advisory', problem, 'Ma question')).body
    const other = (await start('pilot', problem, 'Autre question')).body
    await as.advisory!.post(url(problem, `/${other.id}/replies`), { body: 'J’y réponds' })
    const notMine = (await start('pilot', problem, 'Sans moi')).body
    await as.pilot!.post(url(problem, `/${notMine.id}/resolve`))

    const all = await list('advisory', problem)
    const open = await list('advisory', problem, '?status=open')
    const resolved = await list('advisory', problem, '?status=resolved')
    expect(open.threads.every((t) => t.status === 'open')).toBe(true)
    expect(resolved.threads.every((t) => t.status === 'resolved')).toBe(true)
    expect(open.threads.length + resolved.threads.length).toBe(all.threads.length)
    expect(resolved.threads.map((t) => t.id)).toContain(notMine.id)
    expect(all.counts).toEqual({ open: open.threads.length, resolved: resolved.threads.length })
    expect(open.counts).toEqual(all.counts)
    expect((await list('advisory', problem, '?mine=1')).threads.map((t) => t.id)).toEqual([mine.id, other.id])
    expect((await list('advisory', problem, '?status=resolved&mine=1')).threads).toEqual([])
    expect((await as.advisory!.get(url(problem, '?status=closed'))).status).toBe(400)
  })

  it('keeps a thread whose words were deleted, flagged detached and still counted open', async () => {
    const problem = await ownDocument()
    const anchor = await anchorIn(db, problem, 1, 4)
    const thread = (await as.pilot!.post<ThreadView>(url(problem), { anchor, body: 'Sur ces mots' })).body
    expect(thread.detached).toBe(false)
    await editStored(db, problem, (doc) => texts(doc)[1]!.delete(0, 4))
    const listed = (await list('pilot', problem)).threads.find((t) => t.id === thread.id)!
    expect(listed).toMatchObject({ detached: true, status: 'open', anchor: { quote: anchor.quote } })
    expect(listed.comments[0]!.body).toBe('Sur ces mots')
  })

  describe('mentions and notifications', () => {
    const notificationsFor = async (commentId: string) =>
      db.query<{ recipient: string; kind: string }>(`select recipient_id as recipient, kind from notifications where comment_id = $1 order by recipient_id`, [
        commentId,
      ])
    const sorted = (rows: { recipient: string; kind: string }[]) => [...rows].sort((a, b) => a.recipient.localeCompare(b.recipient))

    it('lists who may be mentioned: everyone who can read the document, with their city', async () => {
      // A world of its own: the list is everyone in it, whatever other tests add to theirs.
      const { people, documents } = await buildWorld(db)
      const [secretariat, pilot, other] = await Promise.all([people.secretariat, people.pilot, people.other].map((p) => signIn(app, p)))
      const network = (await secretariat!.get<MentionableList>(`/api/documents/${documents.network.id}/mentionable`)).body.people
      expect(network.map((p) => [p.name, p.city])).toEqual([
        ['Ada Advisory', null],
        ['Eva Expert', null],
        ['Fred Funder', null],
        ['Max Member', WORLD.cities.member],
        ['Olga Other', WORLD.cities.other],
        ['Pat Pilot', WORLD.cities.pilot],
      ])
      const plan = (await pilot!.get<MentionableList>(`/api/documents/${documents.city.id}/mentionable`)).body.people
      expect(plan).toEqual([{ id: people.secretariat.id, name: 'Sam Secretariat', city: null }])
      expect((await other!.get(`/api/documents/${documents.city.id}/mentionable`)).status).toBe(403)
    })

    it('each person mentioned gets exactly one notification, never the writer', async () => {
      const res = await start('expert', 'constitution', 'Qu’en pensent @Pat et @Sam ?', {
        mentions: [ids.pilot, ids.secretariat, ids.pilot, ids.expert],
      })
      expect(res.status).toBe(201)
      expect(res.body.comments[0]!.mentions.map((p) => p.name).sort()).toEqual(['Eva Expert', 'Pat Pilot', 'Sam Secretariat'])
      const commentId = res.body.comments[0]!.id
      expect(sorted(await notificationsFor(commentId))).toEqual(
        sorted([
          { recipient: ids.pilot!, kind: 'mention' },
          { recipient: ids.secretariat!, kind: 'mention' },
        ]),
      )

      // Editing to add someone notifies only them; those already notified are not again.
      const edited = await as.expert!.patch(url('constitution', `/${res.body.id}/comments/${commentId}`), {
        body: 'Qu’en pensent @Pat, @Sam et @Max ?',
        mentions: [ids.pilot, ids.secretariat, ids.member],
      })
      expect(edited.status).toBe(200)
      expect((await notificationsFor(commentId)).map((n) => n.recipient).sort()).toEqual([ids.pilot, ids.secretariat, ids.member].sort())

      const pilotInbox = await inbox('pilot')
      const entry = pilotInbox.notifications.find((n) => n.commentId === commentId)!
      expect(entry).toMatchObject({
        kind: 'mention',
        document: { id: docs.constitution, title: WORLD.documents.network },
        threadId: res.body.id,
        actor: { id: ids.expert, name: 'Eva Expert' },
        excerpt: 'Qu’en pensent @Pat, @Sam et @Max ?',
        path: `/documents/${docs.constitution}?thread=${res.body.id}`,
        readAt: null,
      })
    })

    it('a reply notifies the thread’s author and earlier participants once each, not the replier', async () => {
      const thread = (await start('member', 'constitution', 'Ouverture')).body
      const reply = (who: string, body: string, mentions: string[] = []) =>
        as[who]!.post<ThreadView>(url('constitution', `/${thread.id}/replies`), { body, mentions })
      const first = (await reply('expert', 'Première réponse')).body
      expect(await notificationsFor(first.comments[1]!.id)).toEqual([{ recipient: ids.member, kind: 'reply' }])

      // The author replies in their own thread: only the other participant hears of it.
      const second = (await reply('member', 'Merci')).body
      expect(await notificationsFor(second.comments[2]!.id)).toEqual([{ recipient: ids.expert, kind: 'reply' }])

      // A third person, mentioning one participant and someone new: one notification each.
      const third = (await reply('pilot', 'Je complète, @Eva et @Ada', [ids.expert!, ids.advisory!])).body
      expect(sorted(await notificationsFor(third.comments[3]!.id))).toEqual(
        sorted([
          { recipient: ids.member!, kind: 'reply' },
          { recipient: ids.expert!, kind: 'mention' },
          { recipient: ids.advisory!, kind: 'mention' },
        ]),
      )
    })

    it('refuses a mention of someone who cannot read the document (422), storing nothing', async () => {
      const before = await counts()
      const otherCityOnPlan = await start('pilot', 'plan', 'Voir avec l’autre ville', { mentions: [ids.other] })
      expect(otherCityOnPlan.status).toBe(422)
      expect(otherCityOnPlan.body.error).toMatchObject({ code: 'invalid_mention', fields: [{ path: 'mentions.0' }] })
      expect(otherCityOnPlan.body.error.message).toContain(ids.other)
      const unknown = await start('pilot', 'plan', 'Qui ?', { mentions: [ids.secretariat, UNKNOWN] })
      expect(unknown.status).toBe(422)
      expect(unknown.body.error.fields).toEqual([{ path: 'mentions.1', message: 'cannot read this document' }])
      expect((await start('pilot', 'plan', 'Pas un id', { mentions: ['Sam'] })).status).toBe(400)
      expect(await counts()).toEqual(before)
    })

    it('the inbox counts unread notifications; read one, then all', async () => {
      // Readers of their own, whose inboxes hold only what this test sends them.
      for (const [who, role] of [
        ['reader', 'funder'],
        ['adviser', 'advisory'],
      ] as const) {
        const person = await buildPerson(db, `Inbox ${role}`, [{ role, on: world.network }])
        as[who] = await signIn(app, person)
        ids[who] = person.id
      }
      const thread = (await start('expert', 'problem', 'Pour vous deux', { mentions: [ids.reader, ids.adviser] })).body
      await as.pilot!.post(url('problem', `/${thread.id}/replies`), { body: 'Et pour vous', mentions: [ids.reader] })
      const before = await inbox('reader')
      expect(before.unread).toBe(2)
      expect(before.notifications.map((n) => n.kind)).toEqual(['mention', 'mention'])
      expect((await inbox('reader', '?unread=1')).notifications).toHaveLength(2)

      expect((await as.reader!.post(`/api/notifications/${before.notifications[0]!.id}/read`)).status).toBe(204)
      expect((await inbox('reader')).unread).toBe(1)
      expect((await inbox('reader', '?unread=1')).notifications.map((n) => n.id)).toEqual([before.notifications[1]!.id])
      // Someone else's notification, or none at all, is not found.
      expect((await as.adviser!.post(`/api/notifications/${before.notifications[1]!.id}/read`)).status).toBe(404)
      expect((await as.reader!.post(`/api/notifications/${UNKNOWN}/read`)).status).toBe(404)

      expect((await as.reader!.post('/api/notifications/read-all')).status).toBe(204)
      const after = await inbox('reader')
      expect(after.unread).toBe(0)
      expect(after.notifications.every((n) => n.readAt !== null)).toBe(true)
      expect((await inbox('adviser')).unread).toBeGreaterThan(0)
      expect((await as.reader!.get('/api/notifications?limit=0')).status).toBe(400)
      expect((await app.client().get('/api/notifications')).status).toBe(401)
    })

    it('deleting a comment takes its notifications with it', async () => {
      const thread = (await start('pilot', 'problem', 'Pour @Max', { mentions: [ids.member] })).body
      const commentId = thread.comments[0]!.id
      expect(await notificationsFor(commentId)).toHaveLength(1)
      expect((await as.pilot!.delete(url('problem', `/${thread.id}/comments/${commentId}`))).status).toBe(204)
      expect(await notificationsFor(commentId)).toEqual([])
      expect((await inbox('member')).notifications.map((n) => n.commentId)).not.toContain(commentId)
    })
  })

  describe('bad input: clear errors, nothing stored half-way', () => {
    it('plain text: HTML is stored and returned exactly as typed', async () => {
      const html = '<b>gras</b> <script>alert("x")</script> &amp; <img src=x onerror=alert(1)>'
      const res = await start('pilot', 'constitution', html)
      expect(res.status).toBe(201)
      expect(res.body.comments[0]!.body).toBe(html)
      const [row] = await db.query<{ body: string }>(`select body from comments where id = $1`, [res.body.comments[0]!.id])
      expect(row!.body).toBe(html)
    })

    it('refuses empty, blank, huge and control-character bodies (400)', async () => {
      const before = await counts()
      const thread = (await start('pilot', 'constitution', 'Base')).body
      const after = await counts()
      for (const body of ['', '   \n\t ', 'x'.repeat(5001), 'a\u0000b', 42, null]) {
        const created = await start('pilot', 'constitution', body as string)
        expect(created.status, JSON.stringify(body)).toBe(400)
        expect(created.body.error.code).toBe('invalid_input')
        expect(created.body.error.fields?.[0]?.path).toBe('body')
        expect((await as.pilot!.post(url('constitution', `/${thread.id}/replies`), { body })).status).toBe(400)
        expect((await as.pilot!.patch(url('constitution', `/${thread.id}/comments/${thread.comments[0]!.id}`), { body })).status).toBe(400)
      }
      expect((await start('pilot', 'constitution', 'x'.repeat(5000))).status).toBe(201)
      expect(await counts()).toEqual({ ...after, threads: after.threads + 1, comments: after.comments + 1 })
      expect(after).toEqual({ ...before, threads: before.threads + 1, comments: before.comments + 1 })
    })

    it('refuses anchors that are not Yjs relative positions (400)', async () => {
      const before = await counts()
      const good = await anchorIn(db, docs.constitution!)
      const bad = [
        {},
        { ...good, start: 'not base64!' },
        { ...good, end: 'AAAA' },
        { ...good, start: Buffer.concat([Buffer.from(good.start, 'base64'), Buffer.of(7)]).toString('base64') },
        { ...good, start: Buffer.from([1, 5, ...Buffer.from('autre'), 0]).toString('base64') },
        { ...good, quote: '   ' },
        { ...good, start: 'A'.repeat(400) },
      ]
      for (const anchor of bad) {
        const res = await as.pilot!.post(url('constitution'), { anchor, body: 'Ancre invalide' })
        expect(res.status, JSON.stringify(anchor)).toBe(400)
        expect(res.body.error.message).toMatch(/anchor/)
      }
      expect(await counts()).toEqual(before)
      // A long selection is kept shortened, not refused.
      const long = await as.pilot!.post<ThreadView>(url('constitution'), { anchor: { ...good, quote: 'mot '.repeat(400) }, body: 'Longue sélection' })
      expect(long.status).toBe(201)
      expect(long.body.anchor.quote).toHaveLength(500)
    })

    it('a reply to a deleted or unknown thread, or one of another document, is 404', async () => {
      const thread = (await start('pilot', 'constitution', 'Bientôt supprimé')).body
      await as.pilot!.delete(url('constitution', `/${thread.id}/comments/${thread.comments[0]!.id}`))
      const before = await counts()
      expect((await as.pilot!.post(url('constitution', `/${thread.id}/replies`), { body: 'Trop tard' })).status).toBe(404)
      expect((await as.pilot!.post(url('constitution', `/${UNKNOWN}/replies`), { body: 'Nulle part' })).status).toBe(404)
      expect((await as.pilot!.post(url('constitution', '/not-a-thread/replies'), { body: 'Nulle part' })).status).toBe(404)
      const elsewhere = (await start('pilot', 'problem', 'Ailleurs')).body
      const after = await counts()
      const crossed = await as.pilot!.post(url('constitution', `/${elsewhere.id}/replies`), { body: 'Mauvais document' })
      expect(crossed.status).toBe(404)
      expect(crossed.body.error.message).toMatch(/thread/)
      expect((await as.pilot!.post(url('constitution', `/${elsewhere.id}/resolve`))).status).toBe(404)
      expect((await as.pilot!.get(`/api/documents/${UNKNOWN}/comments`)).status).toBe(404)
      expect(after).toEqual({ ...before, threads: before.threads + 1, comments: before.comments + 1 })
      expect(await counts()).toEqual(after)
    })

    it('an archived document keeps its comments readable and refuses every change (409)', async () => {
      const created = await as.pilot!.post<DocumentSummary>('/api/documents', {
        space: world.cities.pilot,
        kind: 'thematic_sheet',
      })
      const docId = created.body.id
      const thread = (await start('pilot', docId, 'Avant l’archivage')).body
      expect((await as.pilot!.post(`/api/documents/${docId}/archive`)).status).toBe(204)
      const before = await counts()

      const listed = await list('pilot', docId)
      expect(listed.threads.map((t) => t.id)).toEqual([thread.id])
      expect(listed.threads[0]!.allowed).toEqual({ reply: false, resolve: false })
      expect(listed.threads[0]!.comments[0]!.allowed).toEqual({ edit: false, delete: false })
      const attempts = [
        await start('pilot', docId, 'Après'),
        await as.pilot!.post(url(docId, `/${thread.id}/replies`), { body: 'Après' }),
        await as.pilot!.patch(url(docId, `/${thread.id}/comments/${thread.comments[0]!.id}`), { body: 'Après' }),
        await as.pilot!.delete(url(docId, `/${thread.id}/comments/${thread.comments[0]!.id}`)),
        await as.pilot!.post(url(docId, `/${thread.id}/resolve`)),
      ]
      for (const res of attempts) {
        expect(res.status).toBe(409)
        expect(res.body.error).toMatchObject({ code: 'document_archived', message: expect.stringMatching(/archived/) })
      }
      expect(await counts()).toEqual(before)
      expect((await list('pilot', docId)).threads[0]!.comments[0]!.body).toBe('Avant l’archivage')
    })
  })
})
