import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import { MESSAGE_COMMENTS, MESSAGE_SAVED } from '../../shared/collab'
import { readCommentsChanged, type CommentsChanged } from '../../shared/comments-message'

export { encodeCommentsChanged } from '../../shared/comments-message'

/**
 * The y-websocket wire format, plus MESSAGE_SAVED and MESSAGE_COMMENTS (see shared/collab.ts):
 * a varUint message type, then its payload. Decoding is strict:
 * a frame that is truncated, has trailing bytes or an unknown type is a protocol error, and
 * the connection that sent it is closed; nothing reaches the document.
 */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export type Incoming =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' }
  | { type: 'saved'; id: number }
  | { type: 'comments-subscribe' }

export class ProtocolError extends Error {}

export function decodeMessage(data: Uint8Array): Incoming {
  try {
    const decoder = decoding.createDecoder(data)
    const message = read(decoder)
    if (decoder.pos !== data.length) throw new ProtocolError('trailing bytes after the message')
    return message
  } catch (err) {
    throw err instanceof ProtocolError ? err : new ProtocolError(`malformed message: ${(err as Error).message}`)
  }
}

function read(decoder: decoding.Decoder): Incoming {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder)
      const payload = readBytes(decoder)
      if (syncType === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step1', stateVector: payload }
      if (syncType === syncProtocol.messageYjsSyncStep2) return { type: 'sync-step2', update: payload }
      if (syncType === syncProtocol.messageYjsUpdate) return { type: 'update', update: payload }
      throw new ProtocolError(`unknown sync message ${syncType}`)
    }
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: readBytes(decoder) }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' }
    case MESSAGE_AUTH:
      decoding.readVarUint(decoder)
      decoding.readVarString(decoder)
      return { type: 'auth' }
    case MESSAGE_SAVED:
      return { type: 'saved', id: decoding.readVarUint(decoder) }
    case MESSAGE_COMMENTS:
      return { type: 'comments-subscribe' }
    default:
      throw new ProtocolError(`unknown message type ${type}`)
  }
}

/** A comments frame from a peer instance, checked before it is passed on to clients. */
export function decodeCommentsChanged(frame: Uint8Array): CommentsChanged {
  try {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE_COMMENTS) throw new ProtocolError('not a comments message')
    const message = readCommentsChanged(decoder)
    if (decoder.pos !== frame.length) throw new ProtocolError('trailing bytes after the message')
    return message
  } catch (err) {
    throw err instanceof ProtocolError ? err : new ProtocolError(`malformed comments message: ${(err as Error).message}`)
  }
}

/** lib0 trusts the length prefix; check it against what actually arrived. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder)
  if (length > decoder.arr.length - decoder.pos) throw new ProtocolError('truncated message')
  return decoding.readUint8Array(decoder, length)
}

/** A state vector must decode completely before we compute a diff against it. */
export function checkStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector)
  } catch (err) {
    throw new ProtocolError(`malformed state vector: ${(err as Error).message}`)
  }
}

const build = (write: (e: encoding.Encoder) => void): Uint8Array<ArrayBuffer> => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>
}

export const encodeSyncStep1 = (doc: Y.Doc) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(e, doc)
  })

export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeSyncStep2(e, doc, stateVector)
  })

/** A sync step 2 whose update was encoded elsewhere (the document thread). */
export const encodeSyncReply = (update: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeUpdate = (update: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeUpdate(e, update)
  })

export const encodeAwareness = (update: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeAwarenessStates = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients))

export const encodeSaved = (id: number) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_SAVED)
    encoding.writeVarUint(e, id)
  })

/** y-websocket's provider reports this through its permission-denied handler. */
export const encodePermissionDenied = (reason: string) =>
  build((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH)
    authProtocol.writePermissionDenied(e, reason)
  })
