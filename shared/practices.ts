import type { PmNode } from './content'
import type { TemplateLocale } from './templates'

/**
 * The good-practices observatory's vocabulary, shared by server and client.
 *
 * The strategic axes are the five of the UCLG commission's strategic plan (PRODUCT.md, and the
 * plan in the seeds, /work/shared/seeds/002): the French names are quoted from that plan; the
 * English and Spanish ones are our translations, not UCLG's wording.
 */
export const AXES = ['governance', 'representation', 'intelligence', 'cooperation', 'organisation'] as const
export type Axis = (typeof AXES)[number]

export const AXIS_LABELS: Record<Axis, Record<TemplateLocale, string>> = {
  governance: { fr: 'Direction et gouvernance', en: 'Leadership and governance', es: 'Dirección y gobernanza' },
  representation: { fr: 'Représentation', en: 'Representation', es: 'Representación' },
  intelligence: { fr: 'Intelligence', en: 'Intelligence', es: 'Inteligencia' },
  cooperation: { fr: 'Coopération', en: 'Cooperation', es: 'Cooperación' },
  organisation: { fr: 'Organisation', en: 'Organisation', es: 'Organización' },
}

/** At most this many themes on a practice. */
export const MAX_THEMES = 8

/** The plain text of a node, its blocks one per line. */
export function nodeText(node: PmNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const inner = (node.content ?? []).map(nodeText)
  return inner.join(node.content?.some((c) => c.type !== 'text' && c.type !== 'hardBreak') ? '\n' : '')
}

const headingLevel = (node: PmNode): number => Number(node.attrs?.level ?? 1)

/** The document's top-level headings, by their text, in order (the sections one may publish). */
export function sectionHeadings(doc: PmNode): string[] {
  return (doc.content ?? [])
    .filter((n) => n.type === 'heading')
    .map((n) => nodeText(n).trim())
    .filter((h) => h.length > 0)
}

/**
 * A section of the document: the first top-level heading with this text and what follows it,
 * until the next heading of the same or a higher level. Null when the document has no such heading.
 */
export function sectionOf(doc: PmNode, heading: string): PmNode | null {
  const blocks = doc.content ?? []
  const start = blocks.findIndex((n) => n.type === 'heading' && nodeText(n).trim() === heading.trim())
  if (start < 0) return null
  const level = headingLevel(blocks[start]!)
  const after = blocks.slice(start + 1).findIndex((n) => n.type === 'heading' && headingLevel(n) <= level)
  const end = after < 0 ? blocks.length : start + 1 + after
  return { type: 'doc', content: blocks.slice(start, end) }
}
