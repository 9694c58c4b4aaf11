import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import type { PmNode } from '../../shared/content'
import type { Queryable } from '../../server/db/db'
import { contentNode } from '../../server/content/schema'
import { yjsBlocks } from '../../server/content/yjs'
import { editAs } from './versions'

/**
 * Suggestions written straight into a document, as a suggester's editor would send them: text
 * carrying `insertion` / `deletion` marks with the suggestion's id, author and time.
 */

const CREATED = '2026-03-02T09:30:00.000Z'

const mark = (type: 'insertion' | 'deletion', id: string, authorId: string) => ({ type, attrs: { id, authorId, createdAt: CREATED } })

export const plain = (text: string): PmNode => ({ type: 'text', text })
export const inserted = (text: string, id: string, authorId: string): PmNode => ({ type: 'text', text, marks: [mark('insertion', id, authorId)] })
export const deleted = (text: string, id: string, authorId: string): PmNode => ({ type: 'text', text, marks: [mark('deletion', id, authorId)] })
export const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content })

/** Appends the blocks at the end of the stored document as `userId`'s edit (the log records them as its writer). */
export async function appendBlocksAs(q: Queryable, documentId: string, userId: string, blocks: PmNode[]): Promise<void> {
  await editAs(q, documentId, userId, (doc) => {
    const fragment = doc.getXmlFragment(FRAGMENT)
    fragment.insert(fragment.length, yjsBlocks(contentNode({ type: 'doc', content: blocks })))
  })
}

/** The XmlText of the document's last block, to add text to it as someone typing would. */
export function lastText(doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment(FRAGMENT)
  return (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText
}
