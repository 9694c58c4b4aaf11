import { getSchema } from '@tiptap/core'
import { DOMSerializer, type Node, type Schema } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { FRAGMENT } from '../../../shared/collab'
import { contentExtensions } from '../../../shared/content'
import { settleSuggestions, withoutSplitMarkers } from '../../../shared/suggestions'

let schema: Schema | undefined

/**
 * A document's text as this person sees it on this device (their own suggestions applied,
 * others' set aside): as HTML, for pasting back with its formatting, and as plain text.
 */
export function versionCopy(doc: Y.Doc, userId: string): { html: string; text: string } {
  schema ??= getSchema(contentExtensions())
  const read = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema)
  const theirs = settleSuggestions(
    settleSuggestions(read, 'accept', (s) => s.authorId === userId),
    'reject',
    () => true,
  )
  return { html: htmlOf(theirs), text: textOf(theirs) }
}

function htmlOf(doc: Node): string {
  const box = document.createElement('div')
  box.append(DOMSerializer.fromSchema(doc.type.schema).serializeFragment(doc.content))
  return withoutSplitMarkers(box.innerHTML)
}

function textOf(doc: Node): string {
  const blocks: string[] = []
  doc.descendants((node) => {
    if (!node.isTextblock) return true
    blocks.push(withoutSplitMarkers(node.textContent))
    return false
  })
  return `${blocks.join('\n\n')}\n`
}
