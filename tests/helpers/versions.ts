import * as Y from 'yjs'
import type { Queryable } from '../../server/db/db'
import { insertUpdates } from '../../server/data/live-documents'
import { storedDoc } from './comments'

/** Someone edits the stored document, as their writer's socket would have stored it: the log records them. */
export async function editAs(q: Queryable, documentId: string, userId: string, edit: (doc: Y.Doc) => void): Promise<void> {
  const doc = await storedDoc(q, documentId)
  const before = Y.encodeStateVector(doc)
  edit(doc)
  const data = Y.encodeStateAsUpdate(doc, before)
  await insertUpdates(q, [{ documentId, userId, data, clientIds: [...Y.parseUpdateMeta(data).from.keys()] }])
  doc.destroy()
}

/** The last paragraph's text, created if the document ends with something else. */
export function lastParagraph(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment('default')
  const last = fragment.get(fragment.length - 1)
  if (last instanceof Y.XmlElement && last.nodeName === 'paragraph' && last.get(0) instanceof Y.XmlText) return last.get(0) as Y.XmlText
  const p = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  p.insert(0, [text])
  fragment.insert(fragment.length, [p])
  return text
}

export function appendParagraphTo(doc: Y.Doc, text: string): void {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  const fragment = doc.getXmlFragment('default')
  fragment.insert(fragment.length, [p])
}
