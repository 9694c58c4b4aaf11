import type { Node } from '@tiptap/pm/model'
import { suggestionAttrs } from '../../../../shared/suggestions'

/** Where a suggestion's text is (from its first marked character to its last), or null if it is gone. */
export function suggestionRange(doc: Node, suggestionId: string): { from: number; to: number } | null {
  let from = -1
  let to = -1
  doc.descendants((node, pos) => {
    if (!node.isText) return true
    if (node.marks.some((mark) => suggestionAttrs(mark)?.id === suggestionId)) {
      if (from < 0) from = pos
      to = pos + node.nodeSize
    }
    return false
  })
  return from < 0 ? null : { from, to }
}

/** Where each pending suggestion's text starts (its first marked character), in one pass over the text. */
export function suggestionStarts(doc: Node): Map<string, number> {
  const starts = new Map<string, number>()
  doc.descendants((node, pos) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const id = suggestionAttrs(mark)?.id
      if (id !== undefined && !starts.has(id)) starts.set(id, pos)
    }
    return false
  })
  return starts
}
