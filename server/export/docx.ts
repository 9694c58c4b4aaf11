import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx'
import type { Cover } from './cover'
import { cellSpan } from '../../shared/content'
import { hasMark, headingLevel, isChecked, isHeaderRow, isInline, linkHref, listStart, type PmNode } from './pm'

/**
 * ProseMirror JSON → a Word document that Word treats as its own: headings with Word's heading
 * styles (so the navigation pane and tables of contents work), lists with real numbering, tables
 * with a repeated header row, hyperlinks as hyperlinks.
 */

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const

const INDENT = 720
const LEVELS = 9
const BULLETS = '\u2022\u25e6\u25aa'

const level = (i: number, format: ILevelsOptions['format'], text: string, start = 1): ILevelsOptions => ({
  level: i,
  format,
  text,
  start,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: INDENT * (i + 1), hanging: 360 } } },
})

type Block = Paragraph | Table

/** One document's conversion: ordered lists each get a numbering of their own, so each counts from its start. */
class Converter {
  readonly ordered: { reference: string; levels: ILevelsOptions[] }[] = []
  /** How many quotes the current block sits in: its paragraphs get a rule on their left. */
  private quotes = 0

  /** Every paragraph of the body goes through here, to be marked as quoted when it is. */
  private paragraph(options: IParagraphOptions): Paragraph {
    if (this.quotes === 0) return new Paragraph(options)
    return new Paragraph({
      indent: options.numbering ? undefined : { left: INDENT * this.quotes },
      ...options,
      border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'AAAAAA', space: 8 } },
    })
  }

  blocks(nodes: PmNode[], depth = 0): Block[] {
    return nodes.flatMap((n) => this.block(n, depth))
  }

  private block(node: PmNode, depth: number): Block[] {
    switch (node.type) {
      case 'heading':
        return [this.paragraph({ heading: HEADINGS[headingLevel(node) - 1], children: runs(node.content) })]
      case 'paragraph':
        return [this.paragraph({ children: runs(node.content) })]
      case 'bulletList':
        return this.list(node, depth, () => ({ numbering: { reference: 'bullet', level: depth } }))
      case 'orderedList': {
        const reference = `ordered-${this.ordered.length + 1}`
        this.ordered.push({
          reference,
          levels: Array.from({ length: LEVELS }, (_, i) => level(i, LevelFormat.DECIMAL, `%${i + 1}.`, i === depth ? listStart(node) : 1)),
        })
        return this.list(node, depth, () => ({ numbering: { reference, level: depth } }))
      }
      case 'taskList':
        // Word has no checkbox list; a ballot box before the words reads the same on paper.
        return this.list(node, depth, (item) => ({ indent: { left: INDENT * (depth + 1) }, mark: isChecked(item) ? '☑ ' : '☐ ' }))
      case 'blockquote': {
        this.quotes++
        const inside = this.blocks(node.content ?? [], depth)
        this.quotes--
        return inside
      }
      case 'horizontalRule':
        return [this.paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, children: [] })]
      case 'table':
        return [table(node)]
      default:
        return node.content?.every(isInline) ? [this.paragraph({ children: runs(node.content) })] : this.blocks(node.content ?? [], depth)
    }
  }

  /** An item's first paragraph carries the number; its other paragraphs line up under it; nested lists go one level deeper. */
  private list(
    node: PmNode,
    depth: number,
    first: (item: PmNode) => { numbering?: { reference: string; level: number }; indent?: { left: number }; mark?: string },
  ): Block[] {
    return (node.content ?? []).flatMap((item) =>
      (item.content ?? []).flatMap((child, i) => {
        if (child.type.endsWith('List')) return this.blocks([child], depth + 1)
        if (i > 0) return [this.paragraph({ indent: { left: INDENT * (depth + 1) }, children: runs(child.content) })]
        const { mark, ...options } = first(item)
        return [this.paragraph({ ...options, children: [...(mark ? [new TextRun(mark)] : []), ...runs(child.content)] })]
      }),
    )
  }
}

function table(node: PmNode): Table {
  const rows = node.content ?? []
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((row) => {
      const header = isHeaderRow(row)
      return new TableRow({
        tableHeader: header,
        children: (row.content ?? []).map(
          (cell) =>
            new TableCell({
              columnSpan: cellSpan(cell.attrs?.colspan),
              rowSpan: cellSpan(cell.attrs?.rowspan),
              shading: cell.type === 'tableHeader' ? { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } : undefined,
              children: cellParagraphs(cell),
            }),
        ),
      })
    }),
  })
}

/** Word refuses a cell without a paragraph; header cells are bold. */
function cellParagraphs(cell: PmNode): Paragraph[] {
  const bold = cell.type === 'tableHeader'
  const paragraphs = (cell.content ?? []).map((b) => new Paragraph({ children: runs(b.content, bold) }))
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })]
}

function runs(nodes: PmNode[] | undefined, bold = false): ParagraphChild[] {
  return (nodes ?? []).flatMap((n): ParagraphChild[] => {
    if (n.type === 'hardBreak') return [new TextRun({ text: '', break: 1 })]
    if (n.type !== 'text') return []
    const run = new TextRun({
      text: n.text ?? '',
      bold: bold || hasMark(n, 'bold'),
      italics: hasMark(n, 'italic'),
      underline: hasMark(n, 'underline') ? {} : undefined,
      strike: hasMark(n, 'strike'),
      font: hasMark(n, 'code') ? 'Courier New' : undefined,
      style: linkHref(n) ? 'Hyperlink' : undefined,
    })
    const href = linkHref(n)
    return [href ? new ExternalHyperlink({ link: href, children: [run] }) : run]
  })
}

function coverBlocks(cover: Cover): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(cover.title)] }),
    ...cover.facts.map(
      (f) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `${f.label}${cover.colon}`, bold: true }), new TextRun(f.value)] }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ]
}

export async function renderDocx(cover: Cover, content: PmNode): Promise<Uint8Array<ArrayBuffer>> {
  const converter = new Converter()
  const body = converter.blocks(content.content ?? [])
  const bullet = Array.from({ length: LEVELS }, (_, i) => level(i, LevelFormat.BULLET, BULLETS[i % BULLETS.length]!))
  const document = new Document({
    title: cover.title,
    numbering: { config: [{ reference: 'bullet', levels: bullet }, ...converter.ordered] },
    sections: [{ children: [...coverBlocks(cover), ...body] }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
