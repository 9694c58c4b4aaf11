import * as Y from 'yjs'
import { replaceContent } from '../content/yjs'
import type { PmNode } from '../../shared/content'

/**
 * The edit that brings `content` back on top of the current document: a new change, history
 * untouched. Made on a copy with a Yjs client of its own, so the restored words are told apart
 * from everyone's earlier writing and attributed to whoever restored them.
 */
export function restoreUpdate(current: Y.Doc, content: PmNode): Uint8Array {
  const copy = new Y.Doc()
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current))
    const before = Y.encodeStateVector(copy)
    replaceContent(copy, content)
    return Y.encodeStateAsUpdate(copy, before)
  } finally {
    copy.destroy()
  }
}
