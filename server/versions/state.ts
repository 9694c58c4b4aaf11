import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { plainText } from '../content/text'
import { readContent } from '../content/yjs'

export type CapturedState = {
  state: Uint8Array
  stateVector: Uint8Array
  /** Equal for equal content, whatever instance or history produced the Y.Doc. */
  stateKey: string
  /** ProseMirror JSON and plain text, as UTF-8: encoded on the document thread, handed to the database as bytes. */
  prosemirrorJson: Uint8Array
  text: Uint8Array
}

const utf8 = new TextEncoder()

/** Everything a version keeps of a document at one moment. */
export function captureState(doc: Y.Doc): CapturedState {
  const content = readContent(doc)
  return {
    state: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    stateKey: stateKey(doc),
    prosemirrorJson: utf8.encode(JSON.stringify(content.toJSON())),
    text: utf8.encode(plainText(content)),
  }
}

/**
 * A Yjs snapshot (state vector and merged delete set) fixes the content exactly, unlike the
 * encoded state, whose item boundaries depend on how the edits arrived.
 */
export function stateKey(doc: Y.Doc): string {
  return createHash('sha256')
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest('base64url')
}

/** The Yjs clients that wrote something after the `before` state vector. */
export function clientsSince(stateVector: Uint8Array, before: Uint8Array | null): number[] {
  const now = Y.decodeStateVector(stateVector)
  const then = before ? Y.decodeStateVector(before) : new Map<number, number>()
  return [...now].filter(([client, clock]) => clock > (then.get(client) ?? 0)).map(([client]) => client)
}

/** A Y.Doc holding a stored state; the caller destroys it. */
export function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}
