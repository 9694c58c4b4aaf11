import type { PmMark, PmNode } from '../../shared/content'
import { schema, storedNode } from '../content/schema'
import { withoutPending } from '../../shared/suggestions'

/**
 * Reading ProseMirror content for export. Versions saved before the schema checked attributes
 * may hold numbers and booleans as strings, so attributes are read leniently.
 */

export type { PmNode }

/** A JSON node or a schema node: both carry attributes. */
type WithAttrs = { readonly attrs?: { readonly [key: string]: unknown } }

export const marksOf = (node: PmNode): PmMark[] => node.marks ?? []

export const hasMark = (node: PmNode, type: string): boolean => marksOf(node).some((m) => m.type === type)

/** The link target, if it is a web or mail address: an exported file must not carry javascript: links. */
export const linkHref = (node: PmNode): string | null => safeHref(marksOf(node).find((m) => m.type === 'link')?.attrs?.href)

export const safeHref = (href: unknown): string | null => (typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null)

export function headingLevel(node: WithAttrs): 1 | 2 | 3 | 4 | 5 | 6 {
  const level = Math.round(Number(node.attrs?.level))
  return (Number.isFinite(level) ? Math.min(6, Math.max(1, level)) : 1) as 1 | 2 | 3 | 4 | 5 | 6
}

export const isChecked = (node: WithAttrs): boolean => node.attrs?.checked === true || node.attrs?.checked === 'true'

export function listStart(node: WithAttrs): number {
  const start = Math.round(Number(node.attrs?.start ?? 1))
  return Number.isFinite(start) && start >= 0 ? start : 1
}

/** Inline content (text, hard breaks), as the schema defines it: a block of it is drawn as one run of text. */
export const isInline = (node: PmNode): boolean => node.type === 'text' || (schema.nodes[node.type]?.isInline ?? false)

/** A node's words, hard breaks as newlines and blocks as separate lines. */
export function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const children = node.content ?? []
  return children.map(textOf).join(children.every(isInline) ? '' : '\n')
}

export const isHeaderRow = (row: PmNode): boolean => (row.content ?? []).length > 0 && (row.content ?? []).every((cell) => cell.type === 'tableHeader')

/** The suggestion a text node is part of, from its `insertion` or `deletion` mark, if it is a complete one. */
export function suggestionOf(node: PmNode): { kind: 'insertion' | 'deletion'; authorId: string; createdAt: string } | null {
  for (const m of marksOf(node)) {
    if (m.type !== 'insertion' && m.type !== 'deletion') continue
    const { authorId, createdAt } = m.attrs ?? {}
    if (typeof authorId === 'string' && typeof createdAt === 'string') return { kind: m.type, authorId, createdAt }
  }
  return null
}

/** Who made the suggestions the content holds (to name them in a DOCX's tracked changes). */
export function suggestionAuthorIds(node: PmNode): string[] {
  const found = new Set<string>()
  const visit = (n: PmNode) => {
    const suggestion = suggestionOf(n)
    if (suggestion) found.add(suggestion.authorId)
    for (const child of n.content ?? []) visit(child)
  }
  visit(node)
  return [...found]
}

/** The content without its pending suggestions; content with none is left as it is (read leniently, as above). */
export const withoutPendingSuggestions = (content: PmNode): PmNode =>
  suggestionAuthorIds(content).length === 0 ? content : (withoutPending(storedNode(content)).toJSON() as PmNode)
