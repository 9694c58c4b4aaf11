import { describe, expect, it } from 'vitest'
import { schema } from '../../server/content/schema'
import { MARKDOWN, renderMarkdown, toMarkdown } from '../../server/export/markdown'
import { COVER, SAMPLE, SUGGESTED, item, link, p, text } from './sample'
import type { PmNode } from '../../server/export/pm'
import { MAX_CELL_SPAN } from '../../shared/content'

const md = (...content: PmNode[]) => toMarkdown({ type: 'doc', content })

describe('Markdown export', () => {
  it('has a Markdown form for every node and mark of the editor’s schema', () => {
    expect(Object.keys(MARKDOWN.nodes).sort()).toEqual(Object.keys(schema.nodes).sort())
    expect(Object.keys(MARKDOWN.marks).sort()).toEqual(Object.keys(schema.marks).sort())
  })

  it('writes the text without its pending suggestions, as it stands until a writer accepts them', () => {
    expect(toMarkdown(SUGGESTED)).toBe('Le marché de Médina très attire cent vendeurs.\n\nSuite.\n')
  })

  it('writes headings at their level, whether Yjs gave the level as a number or a string', () => {
    expect(md({ type: 'heading', attrs: { level: 1 }, content: [text('Titre')] })).toBe('# Titre\n')
    expect(md({ type: 'heading', attrs: { level: '3' }, content: [text('Sous-section')] })).toBe('### Sous-section\n')
  })

  it('separates paragraphs by a blank line and drops empty ones (templates leave them under each heading)', () => {
    expect(md(p(text('Un')), { type: 'paragraph' }, p(text('Deux')))).toBe('Un\n\nDeux\n')
  })

  it('marks bold, italic, strike, underline, inline code and links', () => {
    expect(
      md(p(text('g', 'bold'), text(' '), text('i', 'italic'), text(' '), text('s', 'strike'), text(' '), text('u', 'underline'), text(' '), text('c', 'code'))),
    ).toBe('**g** *i* ~~s~~ <u>u</u> `c`\n')
    expect(md(p(text('bold italic', 'bold', 'italic')))).toBe('***bold italic***\n')
    expect(md(p(text('le site', link('https://ville.example.org/a'))))).toBe('[le site](https://ville.example.org/a)\n')
    expect(md(p(text('gras', 'bold', link('https://x.example/a b'))))).toBe('[**gras**](<https://x.example/a b>)\n')
  })

  it('keeps spaces at the edge of a marked run outside its delimiters', () => {
    expect(md(p(text('avant'), text(' gras ', 'bold'), text('après')))).toBe('avant **gras** après\n')
  })

  it('writes no link for a target that is not a web or mail address', () => {
    expect(md(p(text('piège', link('javascript:alert(1)'))))).toBe('piège\n')
  })

  it('escapes what would become Markdown syntax', () => {
    expect(md(p(text('# pas un titre')))).toBe('\\# pas un titre\n')
    expect(md(p(text('1. pas une liste')))).toBe('1\\. pas une liste\n')
    // An underscore inside a word emphasises nothing in CommonMark, so it stays bare.
    expect(md(p(text('a*b*c_d _e [x] <b> | ~')))).toBe('a\\*b\\*c_d \\_e \\[x\\] \\<b\\> \\| \\~\n')
  })

  it('nests bullet lists, numbers ordered lists from their start and ticks task lists', () => {
    const nested: PmNode = { type: 'bulletList', content: [item(p(text('a')), { type: 'bulletList', content: [item(p(text('b')))] }), item(p(text('c')))] }
    expect(md(nested)).toBe('- a\n  - b\n- c\n')
    const ordered: PmNode = {
      type: 'orderedList',
      attrs: { start: 9 },
      content: [item(p(text('neuf')), { type: 'orderedList', content: [item(p(text('un')))] }), item(p(text('dix')))],
    }
    // Numbers are right-aligned, so every item's text starts in the same column.
    expect(md(ordered)).toBe(' 9. neuf\n    1. un\n10. dix\n')
    const tasks: PmNode = {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: 'true' }, content: [p(text('fait'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [p(text('à faire'))] },
      ],
    }
    expect(md(tasks)).toBe('- [x] fait\n- [ ] à faire\n')
  })

  it('keeps an item’s second paragraph inside the item', () => {
    expect(md({ type: 'bulletList', content: [item(p(text('un')), p(text('suite')))] })).toBe('- un\n\n  suite\n')
  })

  it('quotes every line of a blockquote, nested blocks included', () => {
    expect(md({ type: 'blockquote', content: [p(text('un')), p(text('deux'))] })).toBe('> un\n>\n> deux\n')
  })

  it('writes a horizontal rule and hard breaks', () => {
    expect(md({ type: 'horizontalRule' })).toBe('---\n')
    expect(md(p(text('un'), { type: 'hardBreak' }, text('deux')))).toBe('un\\\ndeux\n')
  })

  it('writes tables as GFM tables, with an empty header when the first row is not one', () => {
    const row = (type: string, ...cells: string[]): PmNode => ({ type: 'tableRow', content: cells.map((c) => ({ type, content: [p(text(c))] })) })
    expect(md({ type: 'table', content: [row('tableHeader', 'A', 'B'), row('tableCell', 'x | y', 'z')] })).toBe('| A | B |\n| --- | --- |\n| x \\| y | z |\n')
    expect(md({ type: 'table', content: [row('tableCell', '1', '2')] })).toBe('|  |  |\n| --- | --- |\n| 1 | 2 |\n')
    // A span asked of a billion columns (a hostile Word file or writer) is held to MAX_CELL_SPAN.
    const wide: PmNode = { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 1e9 }, content: [p(text('Large'))] }] }
    expect(
      md({ type: 'table', content: [wide] })
        .split('\n')[0]!
        .split('|').length - 2,
    ).toBe(MAX_CELL_SPAN)
  })

  it('puts the cover facts first, then a rule, then the document', () => {
    const out = renderMarkdown(COVER, SAMPLE)
    expect(out.startsWith('# Plan d’action — Dakar\n\n- **Réseau**\u00a0: Réseau collaboratif des villes\n- **Ville**\u00a0: Dakar\n')).toBe(true)
    expect(out).toContain('- **Contributeurs**\u00a0: Awa Ndiaye (Dakar)\n\n---\n\n# Plan d’action — Dakar\n')
  })
})
