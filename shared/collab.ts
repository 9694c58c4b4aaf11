import type { OpenAccess } from './policy'

/**
 * What the live-editing server and the browser editor must agree on, beyond the standard
 * y-websocket protocol.
 */

/** The Y.XmlFragment holding a document's content: Tiptap's Collaboration `field`. */
export const FRAGMENT = 'default'

/** Longest base64 Yjs relative position accepted in a comment anchor: an item id is two varints, far below this. */
export const MAX_ENCODED_POSITION = 200

/**
 * A protocol addition, only ever sent by a client that asks (stock providers never
 * do, so they never receive it): `[MESSAGE_SAVED, id]` means "tell me when everything I sent
 * before this is stored". The server answers with the same message and id once those updates
 * are in the database, which lets the editor say "all changes saved" truthfully.
 */
export const MESSAGE_SAVED = 8

/**
 * Comment changes, also opt-in (a stock provider would log every message type it does not
 * know). A client sends `[MESSAGE_COMMENTS]` after each connection; the server answers
 * `[MESSAGE_COMMENTS, "", "subscribed"]`, then sends `[MESSAGE_COMMENTS, threadId, change]`
 * whenever a thread of this document changes, from any instance. Fetch the threads again on
 * both (on "subscribed": everything, since changes made while disconnected were not sent).
 * Codec: shared/comments-message.ts.
 */
export const MESSAGE_COMMENTS = 9
export const COMMENT_CHANGES = ['subscribed', 'created', 'replied', 'edited', 'deleted', 'resolved', 'reopened'] as const
export type CommentChange = (typeof COMMENT_CHANGES)[number]

/** Who a participant is, as everyone in the document sees it: stamped by the server, never taken from the client. */
export type PresenceUser = {
  id: string
  name: string
  color: string
  city: string | null
  /** Their role in the document's space; 'participant' for a guest of its workshop, 'reader' when neither. */
  role: string
  access: OpenAccess
}

/** Dark enough for white label text (WCAG AA) and distinct from one another. */
export const PALETTE = ['#c2410c', '#0f766e', '#7c3aed', '#be123c', '#1d4ed8', '#a16207', '#15803d', '#9d174d', '#0e7490', '#4d7c0f']

/** A stable colour per person, so their caret looks the same everywhere and every day. */
export function colorFor(userId: string): string {
  let hash = 0
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}

/**
 * The server closes a `suggest` connection with this code when it refuses one of its updates
 * (something other than proposing changes of one's own): the client's copy then holds what the
 * document will never have, so it throws that copy away (IndexedDB too) and syncs afresh.
 * Outside 4400–4499, so a stock y-websocket provider reconnects.
 */
export const CLOSE_SUGGESTION_REFUSED = 4101

/**
 * How the reason of a CLOSE_SUGGESTION_REFUSED starts when the update was refused for its size
 * alone (its suggestions may be fine): the editor tells the person to send them in smaller parts.
 */
export const SUGGESTION_TOO_LARGE = 'suggestion refused: too large'
