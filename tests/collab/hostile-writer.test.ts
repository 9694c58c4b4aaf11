import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { appendParagraph, connect, rawSocket, startTestServer, synced, type TestServer } from '../helpers/collab'
import { DRIVERS } from '../helpers/db'

/**
 * One writer — a city team in a document of its own — sends one very large, valid update: a paste
 * of tens of thousands of short paragraphs, the costliest kind of update per byte. Everyone else
 * must go on being served while the server takes it in: an edit made in another document just
 * after it, and the health route, are answered before that update has reached the document's
 * other readers. (Before, the server applied such an update in one go: the other document's edit
 * and the health check waited seconds behind it.)
 */

function bigPaste(paragraphs: number): { frame: Uint8Array; last: string } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('default')
  doc.transact(() => {
    for (let i = 0; i < paragraphs; i += 5000) {
      fragment.insert(fragment.length, Array.from({ length: Math.min(5000, paragraphs - i) }, (_, k) => {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`point ${i + k}`)])
        return p
      }))
    }
  })
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))
  return { frame: encoding.toUint8Array(e), last: `point ${paragraphs - 1}` }
}

describe.each(DRIVERS)('a hostile writer (%s)', (driver) => {
  let server: TestServer
  let cookie: string
  let hostileDoc: string
  let otherDoc: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    cookie = await server.login('pilote@demo.atelier')
    hostileDoc = await server.documentId(cookie, 'Plan d’action — Dakar')
    otherDoc = await server.documentId(cookie, 'Journal d’expérimentation — Dakar')
  })
  afterAll(() => server.stop())

  it('does not hold up edits in another document, nor the health route, while its huge update is taken in', async () => {
    const paste = bigPaste(70_000)
    expect(paste.frame.length).toBeLessThan(server.deps.config.collab.maxMessageBytes)
    const [writer, peer] = [connect(server, otherDoc, { cookie }), connect(server, otherDoc, { cookie })]
    const observer = connect(server, hostileDoc, { cookie })
    await Promise.all([synced(writer), synced(peer), synced(observer)])

    const order: string[] = []
    const marker = 'écrit pendant le gros collage'
    peer.doc.on('update', () => {
      if (peer.text().includes(marker) && !order.includes('other edit')) order.push('other edit')
    })
    observer.doc.on('update', () => {
      if (!order.includes('paste') && observer.text().includes(paste.last)) order.push('paste')
    })

    const hostile = rawSocket(`${server.wsUrl}/${hostileDoc}`, { cookie, origin: server.url })
    await hostile.opened
    await new Promise<void>((resolve, reject) => hostile.ws.send(paste.frame, (err) => (err ? reject(err) : resolve())))
    appendParagraph(writer.doc, marker)
    const health = fetch(`${server.url}/api/health`).then((res) => {
      order.push('health')
      return res.status
    })

    await expect.poll(() => order.length, { timeout: 120_000, interval: 50 }).toBe(3)
    expect(await health).toBe(200)
    expect(order.indexOf('other edit')).toBeLessThan(order.indexOf('paste'))
    expect(order.indexOf('health')).toBeLessThan(order.indexOf('paste'))
    hostile.ws.close()
    for (const c of [writer, peer, observer]) c.destroy()
  })

  it('is held back once it has sent more than its budget: the socket is paused, not the server', async () => {
    const tight = await startTestServer(driver, { env: { ATELIER_WRITE_BYTES_PER_SECOND: '65536', ATELIER_MAX_MESSAGE_BYTES: String(256 * 1024) } })
    try {
      const c = await tight.login('pilote@demo.atelier')
      const id = await tight.documentId(c, 'Plan d’action — Dakar')
      const reader = connect(tight, id, { cookie: c })
      await synced(reader)
      const hostile = rawSocket(`${tight.wsUrl}/${id}`, { cookie: c, origin: tight.url })
      await hostile.opened
      // Four updates of ~200 KiB: the first fits the burst, the others wait for the budget (~3 s each).
      const sent: number[] = []
      for (let i = 0; i < 4; i++) {
        const doc = new Y.Doc()
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`${i}:${'z'.repeat(200 * 1024)}`)])
        doc.getXmlFragment('default').insert(0, [p])
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, 0)
        syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc))
        hostile.ws.send(encoding.toUint8Array(e), () => sent.push(i))
      }
      // The first arrives; while the socket is paused, the others are still on their way.
      await expect.poll(() => reader.text().includes('0:zzz'), { timeout: 30_000 }).toBe(true)
      expect(reader.text().includes('3:zzz')).toBe(false)
      // Another document on the same server is served meanwhile.
      const other = connect(tight, await tight.documentId(c, 'Journal d’expérimentation — Dakar'), { cookie: c })
      await synced(other)
      // And in time, everything it sent is taken in: paced, not dropped.
      await expect.poll(() => reader.text().includes('3:zzz'), { timeout: 90_000 }).toBe(true)
      hostile.ws.close()
      for (const x of [reader, other]) x.destroy()
    } finally {
      await tight.stop()
    }
  }, 180_000)
})
