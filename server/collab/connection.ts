import type { WSContext } from 'hono/ws'
import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { OpenAccess } from '../../shared/policy'
import { CLOSE_SUGGESTION_REFUSED, type PresenceUser } from '../../shared/collab'
import { stampAwareness } from './presence'
import type { Room } from './room'
import { EditOrigin } from './origins'
import { ProtocolError, decodeMessage, encodeCommentsChanged, encodePermissionDenied, encodeSaved, encodeSyncStep1 } from './protocol'
import { MESSAGE_COST_BYTES, type ByteBudget } from './flow'
import { MalformedUpdate } from './update-parts'

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
  /** An update was refused by an extension (the suggestion guard): the client drops its copy and syncs afresh (shared/collab.ts). */
  suggestionRefused: CLOSE_SUGGESTION_REFUSED,
  sessionEnded: 4401,
  accessRevoked: 4403,
  documentTooLarge: 4413,
  loadFailed: 4500,
} as const

/** What a socket was opened with: the session cookie's token, or a collab token (its hash), bound to a session. */
export type Credential = { kind: 'session'; token: string } | { kind: 'collab-token'; hash: string }

/** Who a connection is for and what it may do, as decided at the upgrade. */
export type Admission = {
  documentId: string
  space: SpaceRef
  userId: string
  /** Checked again when access changes, and when it expires (see CollabHub). */
  credential: Credential
  /** When the credential expires, as known at the upgrade. */
  expiresAt: Date
  access: OpenAccess
  identity: PresenceUser
  /** The hub's access epoch when the policy was asked; a change since means ask again. */
  epoch: number
}

/** A socket that stops reading is dropped before it holds this much unsent data. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

/**
 * One socket on one document. It decodes what the client sends, lets only writers change the
 * document (and suggesters propose changes, checked by the suggestion guard), stamps presence with the real identity, and buffers messages until the document
 * has loaded. What it reads is paced by a byte budget (see ByteBudget).
 */
export class Connection extends EditOrigin {
  /** Awareness client ids this socket speaks for; removed from presence when it closes. */
  readonly clientIds = new Set<number>()
  private room: Room | undefined
  private backlog: Uint8Array[] = []
  private closed = false
  private deniedOnce = false
  /** Asked for comment changes (MESSAGE_COMMENTS); stock providers never do. */
  wantsComments = false
  lastSentAt = Date.now()

  readonly documentId: string
  readonly space: SpaceRef
  readonly userId: string
  readonly credential: Credential
  expiresAt: Date
  readonly access: OpenAccess
  readonly identity: PresenceUser
  readonly epoch: number

  private resumeTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly ws: WSContext,
    admission: Admission,
    private readonly logger: Logger,
    private readonly budget: ByteBudget,
  ) {
    super()
    ;({ documentId: this.documentId, space: this.space, userId: this.userId, credential: this.credential, expiresAt: this.expiresAt } = admission)
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
    const wait = this.budget.spend(data.length + MESSAGE_COST_BYTES)
    if (wait > 0) this.pauseFor(wait)
    if (!this.room) this.backlog.push(data)
    else this.handle(data)
  }

  /** Stops reading from the socket for a while: the sender's TCP window fills and it waits. */
  private pauseFor(ms: number): void {
    const raw = this.ws.raw as { pause?: () => void; resume?: () => void } | undefined
    if (!raw?.pause || this.resumeTimer) return
    raw.pause()
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined
      if (!this.closed) raw.resume?.()
    }, ms)
  }

  private handle(data: Uint8Array): void {
    const room = this.room!
    try {
      const message = decodeMessage(data)
      switch (message.type) {
        case 'sync-step1': {
          const reply = room.syncReply(message.stateVector)
          if (reply instanceof Uint8Array) this.send(reply)
          else
            reply.then(
              (r) => this.send(r),
              (err) => this.failed(err),
            )
          break
        }
        case 'sync-step2':
        case 'update':
          this.receiveUpdate(room, message.update)
          break
        case 'awareness': {
          // A socket speaks for one presence, the first it announces (a y-websocket client has
          // one): states it relays for others, stock clients' habit, are left out.
          let claim: number | undefined = [...this.clientIds][0]
          const stamped = stampAwareness(message.update, this.identity, (id) => {
            if (claim === undefined && room.ownerOf(id) === undefined) claim = id
            return id !== claim
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
          room.stored().then(
            () => this.send(encodeSaved(message.id)),
            () => {},
          )
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
      this.failed(err)
    }
  }

  /** Malformed input closes this socket (1002); anything else is our fault (1011), and logged as such. */
  private failed(err: unknown): void {
    if (err instanceof ProtocolError || err instanceof MalformedUpdate) {
      this.logger.info({ userId: this.userId, documentId: this.documentId, reason: err.message }, 'closing a connection that sent a malformed message')
      this.close(CLOSE.protocolError, 'malformed message')
    } else {
      this.logger.error({ err, userId: this.userId, documentId: this.documentId }, 'error while handling a message')
      this.close(CLOSE.serverError, 'internal error')
    }
  }

  private receiveUpdate(room: Room, update: Uint8Array): void {
    if (this.access !== 'write' && this.access !== 'suggest') {
      // Readers' sync replies normally carry nothing new; anything that would change the
      // document is refused and the client is told why.
      room.wouldChange(update).then(
        (changes) => {
          if (!changes) return
          this.send(encodePermissionDenied(this.access === 'comment' ? 'comment-only: content edits are refused' : 'read-only: edits are refused'))
          if (!this.deniedOnce) {
            this.deniedOnce = true
            this.logger.info({ userId: this.userId, documentId: room.documentId, access: this.access }, 'refused an edit from a connection that may not write')
          }
        },
        (err) => this.failed(err),
      )
      return
    }
    room.applyFromClient(this, update).then(
      (result) => {
        if (result === 'applied') return
        if (result === 'try-later') {
          // The stock provider reconnects and sends what the document lacks again.
          this.close(CLOSE.tryAgainLater, 'try again later')
          return
        }
        if (typeof result === 'object') {
          // The client's copy holds what the document will never have: it must start afresh.
          this.logger.info({ userId: this.userId, documentId: room.documentId, reason: result.refused }, 'an extension refused an update')
          this.send(encodePermissionDenied(result.refused))
          // The reason travels with the close too: the permission-denied message is not an event a stock provider emits.
          this.close(CLOSE.suggestionRefused, closeReason(result.refused))
          return
        }
        this.send(encodePermissionDenied('the document has reached its maximum size'))
        this.close(CLOSE.documentTooLarge, 'document too large')
      },
      (err) => this.failed(err),
    )
  }

  send(message: Uint8Array<ArrayBuffer>): void {
    if (this.closed || this.ws.readyState !== 1) return
    const raw = this.ws.raw as { bufferedAmount?: number } | undefined
    if ((raw?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.tryAgainLater, 'connection too slow')
      return
    }
    this.ws.send(message)
    this.lastSentAt = Date.now()
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.markClosed()
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
    clearTimeout(this.resumeTimer)
  }
}

/** A WebSocket close reason may be at most 123 bytes of UTF-8. */
function closeReason(text: string): string {
  let reason = text
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1)
  return reason
}
