import * as Y from 'yjs'
import type { Queryable } from '../../server/db/db'
import { insertUpdates, loadState } from '../../server/data/live-documents'
import { FRAGMENT } from '../../shared/collab'
import { encodePosition } from '../../shared/anchors'
import type { CommentAnchor } from '../../shared/api'

/** A document as storage holds it. */
export async function storedDoc(q: Queryable, documentId: string): Promise<Y.Doc> {
  const stored = await loadState(q, documentId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc
}

/** Every XmlText of the document, in order. */
export function texts(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = []
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) out.push(node)
    else if (!(node instanceof Y.XmlHook)) node.toArray().forEach(walk)
  }
  walk(doc.getXmlFragment(FRAGMENT))
  return out
}

/** An anchor on the first `length` characters of the document's `index`-th text, as the editor would send it. */
export async function anchorIn(q: Queryable, documentId: string, index = 0, length = 6): Promise<CommentAnchor> {
  const text = texts(await storedDoc(q, documentId))[index]!
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(text, 0, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(text, length, -1)),
    quote: text.toString().slice(0, length),
  }
}

/** Someone edits the stored document (as a writer's socket would have stored it). */
export async function editStored(q: Queryable, documentId: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const doc = await storedDoc(q, documentId)
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const data = Y.encodeStateAsUpdate(doc, before)
  await insertUpdates(q, [{ documentId, userId: null, data, clientIds: [doc.clientID] }])
}
