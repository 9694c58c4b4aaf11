import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import type { PmNode } from '../../shared/content'
import { contentNode } from '../../server/content/schema'
import { yjsBlocks } from '../../server/content/yjs'

/** Puts ProseMirror JSON's blocks at the top of a document, as an editor typing there would. */
export function insertContent(doc: Y.Doc, json: PmNode): void {
  doc.getXmlFragment(FRAGMENT).insert(0, yjsBlocks(contentNode(json)))
}
