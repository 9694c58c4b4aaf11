import type { PmNode } from '../../shared/templates'

/**
 * Reading ProseMirror JSON as the collab layer derives it (server/collab/content.ts). Attributes
 * come back from Yjs as they were set, so numbers and booleans may arrive as strings.
 */

export type PmMark = { type: string; attrs?: Record<string, unknown> }
export type { PmNode }

export const marksOf = (node: PmNode): PmMark[] => (node as PmNode & { marks?: PmMark[] }).marks ?? []

export const hasMark = (node: PmNode, type: string): boolean => marksOf(node).some((m) => m.type === type)

/** The link target, if it is a web or mail address: an exported file must not carry javascript: links. */
export function linkHref(node: PmNode): string | null {
  const href = marksOf(node).find((m) => m.type === 'link')?.attrs?.href
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null
}

export function headingLevel(node: PmNode): 1 | 2 | 3 | 4 | 5 | 6 {
  const level = Math.round(Number(node.attrs?.level))
  return (Number.isFinite(level) ? Math.min(6, Math.max(1, level)) : 1) as 1 | 2 | 3 | 4 | 5 | 6
}

export const isChecked = (node: PmNode): boolean => node.attrs?.checked === true || node.attrs?.checked === 'true'

export function listStart(node: PmNode): number {
  const start = Math.round(Number(node.attrs?.start ?? 1))
  return Number.isFinite(start) && start >= 0 ? start : 1
}

/** Inline content: text and hard breaks, nothing else, so a block is drawn as one run of text. */
export const isInline = (node: PmNode): boolean => node.type === 'text' || node.type === 'hardBreak'

/** A node's words, hard breaks as newlines and blocks as separate lines. */
export function textOf(node: PmNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const children = node.content ?? []
  return children.map(textOf).join(children.every(isInline) ? '' : '\n')
}

export const isHeaderRow = (row: PmNode): boolean => (row.content ?? []).length > 0 && (row.content ?? []).every((cell) => cell.type === 'tableHeader')
