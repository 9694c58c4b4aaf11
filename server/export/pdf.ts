import PDFDocument from 'pdfkit'
import type { Cover } from './cover'
import { asciiFold } from './filename'
import { SPLIT_MARKER } from '../../shared/suggestions'
import { hasMark, headingLevel, isChecked, isInline, linkHref, listStart, textOf, withoutPendingSuggestions, type PmNode } from './pm'

/**
 * ProseMirror JSON → a print-ready PDF, drawn on the server with pdfkit. Its standard fonts need
 * no file on the machine and write Windows-1252 (WinAnsi), which holds every French, Spanish and
 * English letter and the typographic marks (’ « » — … œ €); other characters are folded first.
 */

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', code: 'Courier' }
const SIZE = { body: 11, headings: [20, 16, 13, 12, 11, 11], title: 24 }
const LINK_COLOR = '#1d4ed8'
const RULE_COLOR = '#999999'
const LIST_INDENT = 18
const CELL_PADDING = 4
const MARGIN = 56

/** The characters of Windows-1252 beyond Latin-1 (its 0x80–0x9F row). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/** What pdfkit's standard fonts can draw: French thin spaces become no-break spaces, accents off foreign letters, else "?". */
export function toWinAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) => {
      if (c === SPLIT_MARKER) return ''
      if (c === '\n' || (c >= ' ' && c <= '~') || (c >= '\u00a0' && c <= '\u00ff') || WIN_ANSI_EXTRA.has(c)) return c
      if (/[\u2000-\u200a\u202f\u205f]/.test(c)) return '\u00a0'
      if (c === '\u2011' || c === '\u2010') return '-'
      const folded = asciiFold(c)
      return /^[ -~]+$/.test(folded) ? folded : '?'
    })
    .join('')
}

type Segment = { text: string; font: string; link: string | null; underline: boolean; strike: boolean }

class Drawer {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get left() {
    return this.doc.page.margins.left
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }
  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  cover(cover: Cover): void {
    this.doc.font(FONT.bold).fontSize(SIZE.title).fillColor('black').text(toWinAnsi(cover.title), this.left, this.doc.y, { width: this.width })
    this.doc.moveDown(1)
    for (const f of cover.facts) {
      this.doc
        .font(FONT.bold)
        .fontSize(SIZE.body)
        .text(toWinAnsi(`${f.label}${cover.colon}`), this.left, this.doc.y, { continued: true })
      this.doc.font(FONT.regular).text(toWinAnsi(f.value))
      this.doc.moveDown(0.4)
    }
    this.doc.addPage()
  }

  blocks(nodes: PmNode[], indent: number): void {
    for (const node of nodes) this.block(node, indent)
  }

  private block(node: PmNode, indent: number): void {
    switch (node.type) {
      case 'heading': {
        const size = SIZE.headings[headingLevel(node) - 1]!
        this.doc.moveDown(0.5)
        this.inline(node.content, indent, size, true)
        this.doc.moveDown(0.3)
        return
      }
      case 'paragraph':
        this.inline(node.content, indent, SIZE.body)
        this.doc.moveDown(0.5)
        return
      case 'bulletList':
        this.list(node, indent, () => '•')
        return
      case 'orderedList': {
        const start = listStart(node)
        this.list(node, indent, (_, i) => `${start + i}.`)
        return
      }
      case 'taskList':
        // The standard fonts have no ballot box: brackets read the same on paper.
        this.list(node, indent, (item) => (isChecked(item) ? '[x]' : '[  ]'))
        return
      case 'blockquote':
        this.quote(node, indent)
        return
      case 'horizontalRule': {
        const y = this.doc.y + 4
        this.doc
          .moveTo(this.left + indent, y)
          .lineTo(this.left + this.width, y)
          .strokeColor(RULE_COLOR)
          .stroke()
        this.doc.y = y + 10
        return
      }
      case 'table':
        this.table(node, indent)
        return
      default:
        if (node.content?.every(isInline)) {
          this.inline(node.content, indent, SIZE.body)
          this.doc.moveDown(0.5)
        } else this.blocks(node.content ?? [], indent)
    }
  }

  /** The marker hangs in the margin of the item, its words line up after it. */
  private list(node: PmNode, indent: number, marker: (item: PmNode, index: number) => string): void {
    ;(node.content ?? []).forEach((item, i) => {
      const y = this.doc.y
      this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor('black')
      this.doc.text(toWinAnsi(marker(item, i)), this.left + indent, y, { width: LIST_INDENT, lineBreak: false })
      this.doc.y = y
      this.blocks(item.content ?? [], indent + LIST_INDENT)
    })
  }

  private quote(node: PmNode, indent: number): void {
    const top = this.doc.y
    const page = this.doc.page
    this.blocks(node.content ?? [], indent + LIST_INDENT)
    // A rule only when the quote stayed on one page; across pages the indent alone shows it.
    if (this.doc.page === page) {
      const x = this.left + indent + 4
      this.doc
        .moveTo(x, top)
        .lineTo(x, this.doc.y - 4)
        .strokeColor(RULE_COLOR)
        .lineWidth(2)
        .stroke()
        .lineWidth(1)
    }
  }

  /** Equal columns, plain text in each cell, header cells bold; a row never splits across pages. */
  private table(node: PmNode, indent: number): void {
    const rows = node.content ?? []
    const columns = Math.max(1, ...rows.map((r) => (r.content ?? []).length))
    const width = (this.width - indent) / columns
    this.doc.fontSize(SIZE.body).fillColor('black')
    for (const row of rows) {
      const cells = (row.content ?? []).map((cell) => ({
        text: toWinAnsi(textOf(cell)),
        font: cell.type === 'tableHeader' ? FONT.bold : FONT.regular,
      }))
      const height =
        Math.max(SIZE.body, ...cells.map((c) => this.doc.font(c.font).heightOfString(c.text || ' ', { width: width - 2 * CELL_PADDING }))) + 2 * CELL_PADDING
      if (this.doc.y + height > this.bottom) this.doc.addPage()
      const top = this.doc.y
      cells.forEach((c, i) => {
        const x = this.left + indent + i * width
        this.doc.rect(x, top, width, height).strokeColor(RULE_COLOR).lineWidth(0.5).stroke().lineWidth(1)
        this.doc
          .font(c.font)
          .fillColor('black')
          .text(c.text, x + CELL_PADDING, top + CELL_PADDING, { width: width - 2 * CELL_PADDING })
      })
      this.doc.x = this.left
      this.doc.y = top + height
    }
    this.doc.moveDown(0.5)
  }

  /** One block's words as a chain of runs, each with its own font, link and lines. */
  private inline(nodes: PmNode[] | undefined, indent: number, size: number, bold = false): void {
    const segments: Segment[] = []
    // pdfkit breaks a continued line only on a newline that starts the next run's text.
    let breaks = ''
    for (const n of nodes ?? []) {
      if (n.type === 'hardBreak') breaks += '\n'
      if (n.type !== 'text') continue
      const b = bold || hasMark(n, 'bold')
      const i = hasMark(n, 'italic')
      const font = hasMark(n, 'code') ? FONT.code : b && i ? FONT.boldItalic : b ? FONT.bold : i ? FONT.italic : FONT.regular
      const link = linkHref(n)
      segments.push({ text: breaks + toWinAnsi(n.text ?? ''), font, link, underline: hasMark(n, 'underline') || link !== null, strike: hasMark(n, 'strike') })
      breaks = ''
    }
    if (segments.length === 0) segments.push({ text: '', font: bold ? FONT.bold : FONT.regular, link: null, underline: false, strike: false })
    this.doc.x = this.left + indent
    segments.forEach((s, i) => {
      this.doc
        .font(s.font)
        .fontSize(size)
        .fillColor(s.link ? LINK_COLOR : 'black')
        .text(s.text, {
          width: this.width - indent,
          continued: i < segments.length - 1,
          link: s.link,
          underline: s.underline,
          strike: s.strike,
        })
    })
    this.doc.x = this.left
  }
}

export function renderPdf(cover: Cover, content: PmNode, options: { compress?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: cover.title, Creator: 'Atelier' },
    displayTitle: true,
  })
  const chunks: Buffer[] = []
  const done = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.on('error', reject)
  })
  const drawer = new Drawer(doc)
  drawer.cover(cover)
  // The text as it stands: pending suggestions are set aside.
  drawer.blocks(withoutPendingSuggestions(content).content ?? [], 0)
  doc.end()
  return done
}
