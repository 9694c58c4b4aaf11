import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MESSAGE_COMMENTS, type CommentChange } from '../../shared/collab'
import type { CommentsChanged } from '../../shared/comments-message'
import { DRIVERS } from '../helpers/db'
import { connect, cookiesOf, listenForComments, synced, type TestClient, type TestServer, startTestServer } from '../helpers/collab'
import { anchorIn } from '../helpers/comments'
import { buildDocument, buildWorld } from '../helpers/world'

/**
 * Comment changes reach every socket open on the document that asked for them, over real
 * sockets, as the editor will use them: readers included, stock providers never.
 */

const kinds = (changes: CommentsChanged[]) => changes.map((c) => c.change)

describe.each(DRIVERS)('comment changes on live sockets (%s)', (driver) => {
  let server: TestServer
  let cookies: Record<string, string>
  let docId: string
  let otherDocId: string
  const clients: TestClient[] = []
  const open = (id: string, who: string) => {
    const c = connect(server, id, { cookie: cookies[who]! })
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    server = await startTestServer(driver)
    const { people, network, documents } = await buildWorld(server.deps.db)
    const { secretariat, pilot, expert, funder } = people
    cookies = await cookiesOf(server, { secretariat, pilot, expert, funder })
    docId = documents.network.id
    otherDocId = (await buildDocument(server.deps.db, network, { kind: 'problem_statement', by: secretariat })).id
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.stop()
  })

  const comments = (path = '') => `/api/documents/${docId}/comments${path}`
  const subscribed = (changes: CommentsChanged[], times = 1) => expect.poll(() => kinds(changes).filter((k) => k === 'subscribed').length).toBe(times)

  it('every socket that asked hears of each change, readers included; others hear nothing', async () => {
    const writer = open(docId, 'pilot')
    const commenter = open(docId, 'expert')
    const reader = open(docId, 'funder')
    const stock = open(docId, 'secretariat')
    const elsewhere = open(otherDocId, 'pilot')
    const heard = [writer, commenter, reader].map(listenForComments)
    const heardElsewhere = listenForComments(elsewhere)
    await Promise.all([writer, commenter, reader, stock, elsewhere].map(synced))
    for (const changes of [...heard, heardElsewhere]) await subscribed(changes)

    const created = await server.api(cookies.expert!, 'POST', comments(), { anchor: await anchorIn(server.deps.db, docId), body: 'En direct' })
    expect(created.status).toBe(201)
    const threadId = created.body.id as string
    const commentId = created.body.comments[0].id as string
    // A refused change is not announced.
    expect((await server.api(cookies.funder!, 'POST', comments(`/${threadId}/replies`), { body: 'Interdit' })).status).toBe(403)
    expect((await server.api(cookies.expert!, 'POST', comments(`/${threadId}/replies`), { body: 'Suite' })).status).toBe(201)
    expect((await server.api(cookies.expert!, 'PATCH', comments(`/${threadId}/comments/${commentId}`), { body: 'En direct, corrigé' })).status).toBe(200)
    expect((await server.api(cookies.pilot!, 'POST', comments(`/${threadId}/resolve`))).status).toBe(200)
    expect((await server.api(cookies.expert!, 'POST', comments(`/${threadId}/reopen`))).status).toBe(200)
    expect((await server.api(cookies.secretariat!, 'DELETE', comments(`/${threadId}/comments/${commentId}`))).status).toBe(204)

    const expected: CommentChange[] = ['subscribed', 'created', 'replied', 'edited', 'resolved', 'reopened', 'deleted']
    for (const changes of heard) {
      await expect.poll(() => kinds(changes)).toEqual(expected)
      expect(changes.slice(1).every((c) => c.threadId === threadId)).toBe(true)
    }
    expect(kinds(heardElsewhere)).toEqual(['subscribed'])
    // The stock provider never asked, so it never received the message type it does not know.
    expect(stock.received.some((frame) => frame[0] === MESSAGE_COMMENTS)).toBe(false)
  })

  it('after a reconnection the answer to the new subscription says to fetch again (changes meanwhile were not sent)', async () => {
    const client = open(docId, 'funder')
    const changes = listenForComments(client)
    await synced(client)
    await subscribed(changes)
    client.provider.disconnect()
    const missed = await server.api(cookies.pilot!, 'POST', comments(), { anchor: await anchorIn(server.deps.db, docId), body: 'Pendant la coupure' })
    expect(missed.status).toBe(201)
    client.provider.connect()
    await subscribed(changes, 2)
    expect(kinds(changes)).toEqual(['subscribed', 'subscribed'])
  })

  it('a subscription frame with anything after it is malformed and closes that socket only', async () => {
    const bad = open(docId, 'pilot')
    const good = open(docId, 'expert')
    const goodChanges = listenForComments(good)
    await Promise.all([synced(bad), synced(good)])
    await subscribed(goodChanges)
    bad.provider.ws!.send(Uint8Array.of(MESSAGE_COMMENTS, 1))
    await expect.poll(() => bad.closes.map((c) => c.code)).toContain(1002)
    expect(good.closes).toEqual([])
  })
})
