import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { COMMENT_CHANGES, MESSAGE_COMMENTS, type CommentChange } from './collab'

/**
 * The MESSAGE_COMMENTS frames (see shared/collab.ts), for the server and the editor alike.
 * In the editor, with a y-websocket provider:
 *
 *   provider.messageHandlers[MESSAGE_COMMENTS] = (_e, decoder) => onChange(readCommentsChanged(decoder))
 *   provider.on('status', ({ status }) => status === 'connected' && provider.ws?.send(encodeCommentsSubscribe()))
 */
export type CommentsChanged = { threadId: string; change: CommentChange }

const frame = (write: (e: encoding.Encoder) => void): Uint8Array<ArrayBuffer> => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_COMMENTS)
  write(encoder)
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>
}

/** Client → server: "send me comment changes on this connection". */
export const encodeCommentsSubscribe = () => frame(() => {})

/** Server → client; threadId is empty for "subscribed". */
export const encodeCommentsChanged = ({ threadId, change }: CommentsChanged) =>
  frame((e) => {
    encoding.writeVarString(e, threadId)
    encoding.writeVarString(e, change)
  })

/** Reads what follows the message type; an unknown change (a newer server) reads as "edited". */
export function readCommentsChanged(decoder: decoding.Decoder): CommentsChanged {
  const threadId = decoding.readVarString(decoder)
  const change = decoding.readVarString(decoder)
  return { threadId, change: (COMMENT_CHANGES as readonly string[]).includes(change) ? (change as CommentChange) : 'edited' }
}
