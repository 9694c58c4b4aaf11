import type { Mark, Node } from '@tiptap/pm/model'
import { defaultMarkdownSerializer as basic, MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown'
import { cellSpan, type PmNode } from '../../shared/content'
import { withoutPending, withoutSplitMarkers } from '../../shared/suggestions'
import { schema, storedNode } from '../content/schema'
import type { Cover } from './cover'
import { headingLevel, isChecked, listStart, safeHref } from './pm'

/**
 * ProseMirror → GitHub-flavoured Markdown, by prosemirror-markdown's serializer (its escaping
 * and list nesting), with a writer for each node and mark of the schema: tests/export checks
 * that none is missing. Underline has no Markdown form, so it is <u>. The text is printed without
 * its pending suggestions, as it stands until a writer accepts them.
 */

export function renderMarkdown(cover: Cover, content: PmNode): string {
  const facts = cover.facts.map((f) => `- **${escapeText(f.label)}**${cover.colon}${escapeText(f.value)}`).join('\n')
  return `# ${escapeText(cover.title)}\n\n${facts}\n\n---\n\n${toMarkdown(content)}`
}

export function toMarkdown(content: PmNode): string {
  const out = serialize(withoutPending(storedNode(content)))
  return out ? `${out}\n` : ''
}

type NodeWriter = (state: MarkdownSerializerState, node: Node, parent: Node, index: number) => void

const nodes: Record<string, NodeWriter> = {
  doc: (state, node) => state.renderContent(node),
  // A suggested paragraph break's marker is no text.
  text: (state, node, parent, index) => {
    const text = withoutSplitMarkers(node.text ?? '')
    if (text) basic.nodes.text!(state, text === node.text ? node : node.type.schema.text(text, node.marks), parent, index)
  },
  paragraph: basic.nodes.paragraph!,
  heading: (state, node) => {
    state.write(`${'#'.repeat(headingLevel(node))} `)
    state.renderInline(node, false)
    state.closeBlock(node)
  },
  blockquote: basic.nodes.blockquote!,
  horizontalRule: basic.nodes.horizontal_rule!,
  hardBreak: basic.nodes.hard_break!,
  bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
  orderedList: (state, node) => {
    const start = listStart(node)
    const width = String(start + node.childCount - 1).length
    state.renderList(node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width)}. `)
  },
  listItem: (state, node) => state.renderContent(node),
  taskList: (state, node) => state.renderList(node, '  ', () => '- '),
  taskItem: (state, node) => {
    state.write(isChecked(node) ? '[x] ' : '[ ] ')
    state.renderContent(node)
  },
  table: (state, node) => {
    state.write(table(node))
    state.closeBlock(node)
  },
  // Rows and cells are written by their table.
  tableRow: () => {},
  tableHeader: () => {},
  tableCell: () => {},
}

const edgeSpaceOut = { mixable: true, expelEnclosingWhitespace: true }

type MarkWriter = MarkdownSerializer['marks'][string]

const marks: Record<string, MarkWriter> = {
  bold: basic.marks.strong!,
  italic: basic.marks.em!,
  code: basic.marks.code!,
  strike: { open: '~~', close: '~~', ...edgeSpaceOut },
  underline: { open: '<u>', close: '</u>', ...edgeSpaceOut },
  // A target that is not a web or mail address (javascript:…) leaves only the words.
  link: {
    open: (_state: MarkdownSerializerState, mark: Mark) => (safeHref(mark.attrs.href) ? '[' : ''),
    close: (_state: MarkdownSerializerState, mark: Mark) => {
      const href = safeHref(mark.attrs.href)
      if (!href) return ''
      // Angle brackets only when the address has what would end a bare link target.
      return `](${/[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href})`
    },
  },
  // Pending suggestions are set aside before writing (toMarkdown); text still marked prints plain.
  insertion: { open: '', close: '', mixable: true },
  deletion: { open: '', close: '', mixable: true },
  modification: { open: '', close: '', mixable: true },
}

export const MARKDOWN = { nodes, marks }

/** Raw HTML and table cell separators are text too. */
const serializer = new MarkdownSerializer(nodes, marks, { escapeExtraCharacters: /[<>|]/g, hardBreakNodeName: 'hardBreak' })

const serialize = (node: Node): string => serializer.serialize(node, { tightLists: true })

const escapeText = (text: string): string => serialize(schema.node('doc', null, [schema.node('paragraph', null, text ? [schema.text(text)] : [])]))

/** GFM tables need a header row: the first row serves, whether or not it was marked as one. */
function table(node: Node): string {
  const rows: string[][] = []
  node.forEach((row) => {
    const cells: string[] = []
    row.forEach((cell) => {
      // A cell's blocks and hard breaks are one line: GFM cells cannot hold more.
      const text = serialize(schema.topNodeType.create(null, cell.content)).replace(/\\\n|\n+/g, '<br>')
      cells.push(text, ...Array<string>(cellSpan(cell.attrs.colspan) - 1).fill(''))
    })
    rows.push(cells)
  })
  if (rows.length === 0) return ''
  const width = Math.max(...rows.map((r) => r.length), 1)
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`
  const headed = node.firstChild!.childCount > 0 && node.firstChild!.content.content.every((cell) => cell.type.name === 'tableHeader')
  const [head, ...body] = headed ? rows : [Array<string>(width).fill(''), ...rows]
  return [line(head!), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n')
}
