import { describe, expect, it } from 'vitest'
import type { PmNode } from './content'
import { AXES, AXIS_LABELS, nodeText, sectionHeadings, sectionOf } from './practices'
import { LOCALES } from './templates'

const heading = (level: number, text: string): PmNode => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })
const paragraph = (...texts: string[]): PmNode => ({ type: 'paragraph', content: texts.map((text) => ({ type: 'text', text })) })
const DOC: PmNode = {
  type: 'doc',
  content: [
    paragraph('Avant tout titre.'),
    heading(2, 'Démarche'),
    paragraph('Des ', 'jardins.'),
    heading(3, 'Détail'),
    { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Trois quartiers')] }] },
    heading(2, 'Budget'),
    paragraph('40 000 €'),
    heading(1, 'Annexe'),
  ],
}

describe('practices: sections and text', () => {
  it('lists the top-level headings one may publish', () => {
    expect(sectionHeadings(DOC)).toEqual(['Démarche', 'Détail', 'Budget', 'Annexe'])
  })

  it('takes a heading and what follows it until a heading of the same or a higher level', () => {
    expect(sectionOf(DOC, 'Démarche')!.content!.map((n) => nodeText(n))).toEqual(['Démarche', 'Des jardins.', 'Détail', 'Trois quartiers'])
    expect(sectionOf(DOC, 'Détail')!.content).toHaveLength(2)
    expect(sectionOf(DOC, ' Budget ')!.content!.map((n) => nodeText(n))).toEqual(['Budget', '40 000 €'])
    expect(sectionOf(DOC, 'Annexe')!.content).toHaveLength(1)
    expect(sectionOf(DOC, 'Nulle part')).toBeNull()
  })

  it('names the five axes in every language, French with typographic apostrophes', () => {
    expect(AXES).toHaveLength(5)
    for (const axis of AXES) for (const locale of LOCALES) expect(AXIS_LABELS[axis][locale].trim()).not.toBe('')
    expect(AXIS_LABELS.governance.fr).toBe('Direction et gouvernance')
  })
})
