import type { WSContext } from 'hono/ws'
import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { PresenceUser } from '../../shared/collab'
import { stampAwareness } from './presence'
import type { Room } from './room'
import { ProtocolError, decodeMessage, encodeCommentsChanged, encodePermissionDenied, encodeSaved, encodeSyncStep1 } from './protocol'

/**
 * Close codes a client can act on. y-websocket treats 4400–4499 as final (it stops
 * reconnecting), so those are kept for "you may not" and "this will not work again".
 */
export const CLOSE = {
  protocolError: 1002,
  tooLarge: 1009,
  serverError: 1011,
  restarting: 1012,
  tryAgainLater: 1013,
  levelChanged: 4100,
  sessionEnded: 4401,
  accessRevoked: 4403,
  documentTooLarge: 4413,
  loadFailed: 4500,
} as const

export type Access = 'write' | 'comment' | 'read'

/** Who a connection is for and what it may do, as decided at the upgrade. */
export type Admission = {
  documentId: string
  space: SpaceRef
  userId: string
  /** The session it was opened with (null for a collab token); rechecked when access changes. */
  sessionId: string | null
  access: Access
  identity: PresenceUser
  /** The hub's access epoch when the policy was asked; a change since means ask again. */
  epoch: number
}

/** A socket that stops reading is dropped before it holds this much unsent data. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

/**
 * One socket on one document. It decodes what the client sends, lets only writers change the
 * document, stamps presence with the real identity, and buffers messages until the document
 * has loaded.
 */
export class Connection {
  /** Awareness client ids this socket speaks for; removed from presence when it closes. */
  readonly clientIds = new Set<number>()
  private room: Room | undefined
  private backlog: Uint8Array[] = []
  private closed = false
  private deniedOnce = false
  /** Asked for comment changes (MESSAGE_COMMENTS); stock providers never do. */
  wantsComments = false

  readonly documentId: string
  readonly space: SpaceRef
  readonly userId: string
  readonly sessionId: string | null
  readonly access: Access
  readonly identity: PresenceUser
  readonly epoch: number

  constructor(
    private readonly ws: WSContext,
    admission: Admission,
    private readonly logger: Logger,
  ) {
    ;({ documentId: this.documentId, space: this.space, userId: this.userId, sessionId: this.sessionId } = admission)
    ;({ access: this.access, identity: this.identity, epoch: this.epoch } = admission)
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** The document is ready: start the sync, then handle what arrived while it loaded. */
  attach(room: Room): void {
    this.room = room
    this.send(encodeSyncStep1(room.doc))
    const presence = room.allAwareness()
    if (presence) this.send(presence)
    for (const data of this.backlog.splice(0)) this.handle(data)
  }

  receive(data: Uint8Array): void {
    if (this.closed) return
    if (!this.room) this.backlog.push(data)
    else this.handle(data)
  }

  private handle(data: Uint8Array): void {
    const room = this.room!
    try {
      const message = decodeMessage(data)
      switch (message.type) {
        case 'sync-step1':
          this.send(room.syncReply(message.stateVector))
          break
        case 'sync-step2':
        case 'update':
          this.receiveUpdate(room, message.update)
          break
        case 'awareness': {
          const stamped = stampAwareness(message.update, this.identity, (id) => {
            const owner = room.ownerOf(id)
            return owner !== undefined && owner !== this
          })
          for (const id of stamped.clientIds) this.clientIds.add(id)
          room.applyAwareness(this, stamped.update)
          break
        }
        case 'query-awareness': {
          const presence = room.allAwareness()
          if (presence) this.send(presence)
          break
        }
        case 'saved':
          // Messages are handled in order, so everything this client sent before is queued by now.
          void room.stored().then(() => this.send(encodeSaved(message.id)))
          break
        case 'comments-subscribe':
          // Anyone here may read the document, and so its comments.
          this.wantsComments = true
          this.send(encodeCommentsChanged({ threadId: '', change: 'subscribed' }))
          break
        case 'auth':
          break
      }
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.logger.info({ userId: this.userId, documentId: room.documentId, reason: err.message }, 'closing a connection that sent a malformed message')
        this.close(CLOSE.protocolError, 'malformed message')
      } else {
        this.logger.error({ err, userId: this.userId, documentId: room.documentId }, 'error while handling a message')
        this.close(CLOSE.serverError, 'internal error')
      }
    }
  }

  private receiveUpdate(room: Room, update: Uint8Array): void {
    if (this.access !== 'write') {
      // Readers' sync replies normally carry nothing new; anything that would change the
      // document is refused and the client is told why.
      if (room.wouldChange(update)) {
        this.send(encodePermissionDenied(this.access === 'comment' ? 'comment-only: content edits are refused' : 'read-only: edits are refused'))
        if (!this.deniedOnce) {
          this.deniedOnce = true
          this.logger.info({ userId: this.userId, documentId: room.documentId, access: this.access }, 'refused an edit from a connection that may not write')
        }
      }
      return
    }
    if (!room.applyFromClient(this, update)) {
      this.send(encodePermissionDenied('the document has reached its maximum size'))
      this.close(CLOSE.documentTooLarge, 'document too large')
    }
  }

  send(message: Uint8Array<ArrayBuffer>): void {
    if (this.closed || this.ws.readyState !== 1) return
    const raw = this.ws.raw as { bufferedAmount?: number } | undefined
    if ((raw?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.tryAgainLater, 'connection too slow')
      return
    }
    this.ws.send(message)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.backlog = []
    try {
      this.ws.close(code, reason)
    } catch {
      // Already closing.
    }
  }

  /** Called once the socket is gone, whoever closed it. */
  markClosed(): void {
    this.closed = true
    this.backlog = []
  }
}
