import {
  AlignmentType,
  BorderStyle,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  InsertedTextRun,
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
  type IRunOptions,
  type ParagraphChild,
} from 'docx'
import type { Cover } from './cover'
import { cellSpan } from '../../shared/content'
import { withoutSplitMarkers } from '../../shared/suggestions'
import { hasMark, headingLevel, isChecked, isHeaderRow, isInline, linkHref, listStart, suggestionOf, type PmNode } from './pm'

/**
 * ProseMirror JSON → a Word document that Word treats as its own: headings with Word's heading
 * styles (so the navigation pane and tables of contents work), lists with real numbering, tables
 * with a repeated header row, hyperlinks as hyperlinks, and pending suggestions as Word's tracked
 * changes (w:ins, w:del) by their suggester, for the reader to accept or reject in Word.
 */

/** Suggesters' names by user id, and the next tracked change's number (unique in the file). */
type Revisions = { names: Readonly<Record<string, string>>; next: number }

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
  constructor(private readonly revisions: Revisions) {}
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
        return [this.paragraph({ heading: HEADINGS[headingLevel(node) - 1], children: runs(node.content, this.revisions) })]
      case 'paragraph':
        return [this.paragraph({ children: runs(node.content, this.revisions) })]
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
        return [table(node, this.revisions)]
      default:
        return node.content?.every(isInline) ? [this.paragraph({ children: runs(node.content, this.revisions) })] : this.blocks(node.content ?? [], depth)
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
        if (i > 0) return [this.paragraph({ indent: { left: INDENT * (depth + 1) }, children: runs(child.content, this.revisions) })]
        const { mark, ...options } = first(item)
        return [this.paragraph({ ...options, children: [...(mark ? [new TextRun(mark)] : []), ...runs(child.content, this.revisions)] })]
      }),
    )
  }
}

function table(node: PmNode, revisions: Revisions): Table {
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
              children: cellParagraphs(cell, revisions),
            }),
        ),
      })
    }),
  })
}

/** Word refuses a cell without a paragraph; header cells are bold. */
function cellParagraphs(cell: PmNode, revisions: Revisions): Paragraph[] {
  const bold = cell.type === 'tableHeader'
  const paragraphs = (cell.content ?? []).map((b) => new Paragraph({ children: runs(b.content, revisions, bold) }))
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })]
}

function runs(nodes: PmNode[] | undefined, revisions: Revisions, bold = false): ParagraphChild[] {
  return (nodes ?? []).flatMap((n): ParagraphChild[] => {
    if (n.type === 'hardBreak') return [new TextRun({ text: '', break: 1 })]
    if (n.type !== 'text') return []
    // A suggested paragraph break's marker is no text of its own.
    const text = withoutSplitMarkers(n.text ?? '')
    if (!text) return []
    const options: IRunOptions = {
      text,
      bold: bold || hasMark(n, 'bold'),
      italics: hasMark(n, 'italic'),
      underline: hasMark(n, 'underline') ? {} : undefined,
      strike: hasMark(n, 'strike'),
      font: hasMark(n, 'code') ? 'Courier New' : undefined,
      style: linkHref(n) ? 'Hyperlink' : undefined,
    }
    const run = trackedRun(n, options, revisions)
    const href = linkHref(n)
    return [href ? new ExternalHyperlink({ link: href, children: [run] }) : run]
  })
}

/** A run as it stands, or as a tracked insertion or deletion by the suggester (their name, the suggestion's time). */
function trackedRun(n: PmNode, options: IRunOptions, revisions: Revisions): TextRun | InsertedTextRun | DeletedTextRun {
  const suggestion = suggestionOf(n)
  if (!suggestion) return new TextRun(options)
  const change = { id: revisions.next++, author: revisions.names[suggestion.authorId] ?? 'Atelier', date: suggestion.createdAt }
  return suggestion.kind === 'insertion' ? new InsertedTextRun({ ...options, ...change }) : new DeletedTextRun({ ...options, ...change })
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

/** `suggesters`: the names of the people whose suggestions the content holds, by user id. */
export async function renderDocx(cover: Cover, content: PmNode, suggesters: Readonly<Record<string, string>> = {}): Promise<Uint8Array<ArrayBuffer>> {
  const revisions: Revisions = { names: suggesters, next: 1 }
  const converter = new Converter(revisions)
  const body = converter.blocks(content.content ?? [])
  const bullet = Array.from({ length: LEVELS }, (_, i) => level(i, LevelFormat.BULLET, BULLETS[i % BULLETS.length]!))
  const document = new Document({
    title: cover.title,
    // Pending suggestions are tracked changes: Word keeps tracking the reader's own.
    features: { trackRevisions: revisions.next > 1 },
    numbering: { config: [{ reference: 'bullet', levels: bullet }, ...converter.ordered] },
    sections: [{ children: [...coverBlocks(cover), ...body] }],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
