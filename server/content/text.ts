import type { Node } from '@tiptap/pm/model'
import { withoutSplitMarkers } from '../../shared/suggestions'

/**
 * Plain text, one line per text block, for search and previews. Inline leaves give the text
 * their extension renders (a hard break is a new line); the markers of suggested paragraph
 * breaks are no text.
 */
export function plainText(doc: Node): string {
  const lines: string[] = []
  doc.descendants((node) => {
    if (!node.isTextblock) return true
    lines.push(withoutSplitMarkers(node.textBetween(0, node.content.size, undefined, leafText)))
    return false
  })
  return lines.join('\n')
}

type RenderText = (props: { node: Node }) => string

/** The text an inline leaf's extension renders for it (renderText): a hard break is a new line. */
export const leafText = (leaf: Node): string => (leaf.type.spec.toText as RenderText | undefined)?.({ node: leaf }) ?? ''
