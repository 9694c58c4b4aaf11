import { WebSocket } from 'ws'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { DocRef, Target } from './targets'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_AUTH = 2

/**
 * A client that speaks the y-websocket protocol exactly as the stock provider does on the wire
 * (sync step 1 on open, answers the server's step 1 with a step 2, sends its own updates and
 * awareness), but never decodes what others send: incoming frames are only counted, and the
 * sync step 2 reply is only timed. It exists so that one load-generator process can hold a
 * hundred real connections without spending its CPU decoding every update a hundred times,
 * which would make the bench measure itself rather than the server.
 *
 * Its Y.Doc holds only its own content, never anyone else's: its edits insert into one
 * paragraph it created itself, so every update it sends references only its own items and is a
 * valid update for the server to merge, whatever the rest of the document holds.
 */
export class LightClient {
  readonly ydoc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  /** WebSocket created -> upgrade accepted, and -> the server's sync step 2 frame received. */
  openMs = 0
  syncMs = 0
  /** Size of the sync step 2 frame: it must carry the whole document. */
  syncReplyBytes = 0
  bytesIn = 0
  framesIn = 0
  /** Set when the server closed the socket or refused something: the client is no longer a normal one. */
  problem = ''
  private readonly ws: WebSocket
  private closing = false
  private text: Y.XmlText | null = null

  private constructor(
    url: string,
    onSynced: () => void,
    private readonly words: readonly string[],
  ) {
    const started = performance.now()
    this.ws = new WebSocket(url)
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('open', () => {
      this.openMs = performance.now() - started
      this.send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC)
        syncProtocol.writeSyncStep1(e, this.ydoc)
      })
      this.sendAwareness([this.ydoc.clientID])
    })
    this.ws.on('message', (data: Buffer) => {
      this.bytesIn += data.length
      this.framesIn++
      // Message and sync types are varUints below 128: one byte each.
      if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep1) {
        // Cheap: decodes a state vector, and the diff is against this client's small document.
        const decoder = decoding.createDecoder(data)
        decoding.readVarUint(decoder)
        decoding.readVarUint(decoder)
        const stateVector = decoding.readVarUint8Array(decoder)
        this.send((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC)
          syncProtocol.writeSyncStep2(e, this.ydoc, stateVector)
        })
      } else if (data[0] === MESSAGE_SYNC && data[1] === syncProtocol.messageYjsSyncStep2 && this.syncMs === 0) {
        this.syncMs = performance.now() - started
        this.syncReplyBytes = data.length
        onSynced()
      } else if (data[0] === MESSAGE_AUTH) {
        this.problem ||= 'permission denied by the server'
      }
    })
    this.ws.on('close', (code, reason) => {
      if (!this.closing) this.problem ||= `closed by server (${code}${reason.length ? ` ${reason.toString()}` : ''})`
    })
    this.ws.on('error', (err) => {
      this.problem ||= err.message
    })
    this.ydoc.on('update', (update: Uint8Array) =>
      this.send((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC)
        syncProtocol.writeUpdate(e, update)
      }),
    )
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'local') this.sendAwareness(added.concat(updated, removed))
    })
  }

  /** Connects and resolves once the server's sync step 2 has arrived (not decoded). */
  static open(target: Target, doc: DocRef, timeoutMs: number, words: readonly string[], opened?: (c: LightClient) => void): Promise<LightClient> {
    const params = new URLSearchParams(doc.params).toString()
    const url = `${target.collabUrl}/${doc.name}${params ? `?${params}` : ''}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`light client not synced within ${timeoutMs / 1000} s${client.problem ? `: ${client.problem}` : ''}`))
      }, timeoutMs)
      const client: LightClient = new LightClient(
        url,
        () => {
          clearTimeout(timer)
          resolve(client)
        },
        words,
      )
      opened?.(client)
    })
  }

  get clientID(): number {
    return this.ydoc.clientID
  }

  /** This client's own Yjs clock: the server has all it sent once its state for this client reaches it. */
  get clock(): number {
    return Y.getState(this.ydoc.store, this.ydoc.clientID)
  }

  /**
   * One word typed into this client's own paragraph; the first call creates that paragraph at
   * the top of the document (the update references no one else's items).
   */
  edit(): void {
    const word = this.words[Math.floor(Math.random() * this.words.length)]!
    this.ydoc.transact(() => {
      if (!this.text) {
        const paragraph = new Y.XmlElement('paragraph')
        this.text = new Y.XmlText(word)
        paragraph.insert(0, [this.text])
        this.ydoc.getXmlFragment('default').insert(0, [paragraph])
        return
      }
      this.text.insert(Math.floor(Math.random() * (this.text.length + 1)), word)
    })
  }

  close(): void {
    this.closing = true
    this.awareness.destroy()
    this.ws.terminate()
    this.ydoc.destroy()
  }

  private sendAwareness(clients: number[]): void {
    this.send((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
    })
  }

  private send(write: (e: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    const e = encoding.createEncoder()
    write(e)
    this.ws.send(encoding.toUint8Array(e))
  }
}
