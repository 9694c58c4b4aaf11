import type { Cover } from './cover'
import { headingLevel, isChecked, isHeaderRow, isInline, linkHref, listStart, marksOf, type PmNode } from './pm'

/** ProseMirror JSON → GitHub-flavoured Markdown; underline has no Markdown form, so it is <u>. */

export function renderMarkdown(cover: Cover, content: PmNode): string {
  const facts = cover.facts.map((f) => `- **${escapeMarkdown(f.label)}**${cover.colon}${escapeMarkdown(f.value)}`).join('\n')
  return `# ${escapeMarkdown(cover.title)}\n\n${facts}\n\n---\n\n${toMarkdown(content)}`
}

export function toMarkdown(doc: PmNode): string {
  const out = blocks(doc.content ?? [])
  return out ? `${out}\n` : ''
}

function blocks(nodes: PmNode[]): string {
  return nodes
    .map(block)
    .filter((b) => b !== '')
    .join('\n\n')
}

function block(node: PmNode): string {
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(headingLevel(node))} ${inline(node.content ?? [], ' ')}`
    case 'paragraph':
      return guardLineStart(inline(node.content ?? [], '\\\n'))
    case 'bulletList':
      return list(node, () => '- ')
    case 'orderedList': {
      const start = listStart(node)
      return list(node, (i) => `${start + i}. `)
    }
    case 'taskList':
      return list(node, (_, item) => (isChecked(item) ? '- [x] ' : '- [ ] '))
    case 'blockquote':
      return prefixLines(blocks(node.content ?? []), '> ', '>')
    case 'horizontalRule':
      return '---'
    case 'table':
      return table(node)
    default:
      // A node this exporter does not know still gives its words.
      return node.content?.every(isInline) ? inline(node.content, '\\\n') : blocks(node.content ?? [])
  }
}

/** Each item's first line after its marker; the rest indented by the marker's width, as CommonMark nests. */
function list(node: PmNode, marker: (index: number, item: PmNode) => string): string {
  return (node.content ?? [])
    .map((item, i) => {
      const m = marker(i, item)
      const body = itemBody(item.content ?? [])
      const indent = ' '.repeat(m.startsWith('- [') ? 2 : m.length)
      return prefixLines(body, indent, '', m)
    })
    .join('\n')
}

/** A paragraph and its nested list stay together (a tight item); two paragraphs stay two. */
function itemBody(children: PmNode[]): string {
  let out = ''
  children.forEach((child, i) => {
    const text = block(child)
    if (i === 0) out = text
    else out += (child.type.endsWith('List') ? '\n' : '\n\n') + text
  })
  return out
}

function prefixLines(text: string, prefix: string, emptyPrefix: string, first = prefix): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line === '' ? emptyPrefix : prefix) + line)
    .join('\n')
}

/** GFM tables need a header row: the first row serves, whether or not it was marked as one. */
function table(node: PmNode): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).flatMap((cell) => {
      const span = Math.max(1, Number(cell.attrs?.colspan ?? 1) || 1)
      const text = (cell.content ?? []).map((b) => inline(b.content ?? [], '<br>')).join('<br>')
      return [text, ...Array<string>(span - 1).fill('')]
    }),
  )
  if (rows.length === 0) return ''
  const width = Math.max(...rows.map((r) => r.length), 1)
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`
  const [head, ...body] = isHeaderRow(node.content![0]!) ? rows : [Array<string>(width).fill(''), ...rows]
  return [line(head!), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n')
}

function inline(nodes: PmNode[], hardBreak: string): string {
  return nodes.map((n) => (n.type === 'hardBreak' ? hardBreak : n.type === 'text' ? marked(n) : '')).join('')
}

const WRAP: [mark: string, open: string, close: string][] = [
  ['code', '`', '`'],
  ['underline', '<u>', '</u>'],
  ['strike', '~~', '~~'],
  ['italic', '*', '*'],
  ['bold', '**', '**'],
]

/** Delimiters hug the words: "** gras**" would not be bold, so edge spaces go outside. */
function marked(node: PmNode): string {
  const raw = node.text ?? ''
  const types = new Set(marksOf(node).map((m) => m.type))
  const [, lead, core, trail] = /^(\s*)(.*?)(\s*)$/s.exec(raw)!
  if (!core) return raw
  let text = types.has('code') ? core : escapeMarkdown(core)
  for (const [mark, open, close] of WRAP) if (types.has(mark)) text = open + text + close
  const href = linkHref(node)
  // Angle brackets only when the address has what would end a bare link target.
  if (href) text = `[${text}](${/[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href})`
  return lead + text + trail
}

/** Characters that would otherwise become Markdown syntax; | too, since text can sit in a table. */
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>|~]/g, '\\$&')

/** A paragraph starting like a heading, a quote or a list item is still a paragraph. */
const guardLineStart = (text: string): string => text.replace(/^(\s*)([#+-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
