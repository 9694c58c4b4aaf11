import type { Cover } from '../../server/export/cover'
import type { PmNode } from '../../server/export/pm'

/** A document with every kind of node and mark the editor makes, as the collab layer derives it. */

const text = (t: string, ...marks: (string | { type: string; attrs: Record<string, unknown> })[]): PmNode =>
  ({ type: 'text', text: t, ...(marks.length > 0 ? { marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)) } : {}) }) as PmNode
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content })
const item = (...content: PmNode[]): PmNode => ({ type: 'listItem', content })
const cell = (type: 'tableHeader' | 'tableCell', t: string): PmNode => ({ type, content: [p(text(t))] })

export const link = (href: string) => ({ type: 'link', attrs: { href, target: '_blank' } })

export const SAMPLE: PmNode = {
  type: 'doc',
  content: [
    // Levels come back from Yjs as numbers or strings: both must work.
    { type: 'heading', attrs: { level: 1 }, content: [text('Plan d’action — Dakar')] },
    { type: 'heading', attrs: { level: '2' }, content: [text('Analyse du contexte local')] },
    p(
      text('Texte '),
      text('gras', 'bold'),
      text(' et '),
      text('italique', 'italic'),
      text(', '),
      text('souligné', 'underline'),
      text(', '),
      text('barré', 'strike'),
      text(' et '),
      text('un lien', link('https://ville.example.org/plan')),
    ),
    {
      type: 'bulletList',
      content: [item(p(text('Première puce')), { type: 'bulletList', content: [item(p(text('Sous-puce')))] }), item(p(text('Deuxième puce')))],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(p(text('Étape trois'))), item(p(text('Étape quatre')))] },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p(text('Fait'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [p(text('À faire'))] },
      ],
    },
    { type: 'blockquote', content: [p(text('Une citation « entre guillemets »'))] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Action'), cell('tableHeader', 'Échéance')] },
        { type: 'tableRow', content: [cell('tableCell', 'Diagnostic'), cell('tableCell', 'Mars 2027')] },
      ],
    },
    p(text('Ligne un'), { type: 'hardBreak' }, text('ligne deux')),
  ],
}

export const COVER: Cover = {
  title: 'Plan d’action — Dakar',
  colon: '\u00a0: ',
  facts: [
    { label: 'Réseau', value: 'Réseau collaboratif des villes' },
    { label: 'Ville', value: 'Dakar' },
    { label: 'Version', value: 'version en cours' },
    { label: 'Contributeurs', value: 'Awa Ndiaye (Dakar)' },
  ],
}

export { text, p, item }

const suggestion = (type: 'insertion' | 'deletion', id: string, authorId: string) => ({ type, attrs: { id, authorId, createdAt: '2026-03-02T09:30:00.000Z' } })
export const EXPERT = 'expert-id'
export const MEMBER = 'member-id'

/**
 * A paragraph with pending suggestions of each kind: an insertion, a deletion and a rewording
 * (a deletion and an insertion sharing an id), then a suggested paragraph break (its marker, a
 * zero-width space carrying an insertion).
 */
export const SUGGESTED: PmNode = {
  type: 'doc',
  content: [
    p(
      text('Le marché '),
      text('couvert ', suggestion('insertion', 'ins', EXPERT)),
      text('de Médina '),
      text('très ', suggestion('deletion', 'del', MEMBER)),
      text('attire '),
      text('cent', suggestion('deletion', 'rep', EXPERT)),
      text('deux cents', suggestion('insertion', 'rep', EXPERT)),
      text(' vendeurs.'),
      text('\u200B', suggestion('insertion', 'split', EXPERT)),
    ),
    p(text('Suite.')),
  ],
}
