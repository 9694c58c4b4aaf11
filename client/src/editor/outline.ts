/** The parts of a ProseMirror node this module reads; the editor's doc and its JSON both fit. */
type Node = {
  type: { name: string } | string
  attrs?: Record<string, unknown>
  textContent?: string
  forEach?: (fn: (child: Node, offset: number) => void) => void
}

export type OutlineEntry = { level: number; text: string; pos: number }

/** The document's headings, in order, with where each starts (for scrolling to it). */
export function outlineOf(doc: Node): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  doc.forEach?.((child, offset) => {
    const name = typeof child.type === 'string' ? child.type : child.type.name
    if (name !== 'heading') return
    const text = (child.textContent ?? '').trim()
    if (text) entries.push({ level: Number(child.attrs?.level ?? 1), text, pos: offset })
  })
  return entries
}

/** Words as a reader counts them: letters and digits in any script, with ’ and - inside words. */
const WORD = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0
}
