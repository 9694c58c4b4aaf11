import { type Extensions, Mark } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import { StarterKit } from '@tiptap/starter-kit'

/**
 * The document's schema, as Tiptap extensions: the editor adds collaboration and carets to it
 * (client/src/editor/extensions.ts), and the server builds the same ProseMirror schema from it
 * (server/content/schema.ts) to read, write, validate and export documents. A node added here
 * exists on both sides at once; the server's Markdown test fails until it has a Markdown form.
 */
export function contentExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      codeBlock: false,
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https', HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' } },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    Table.configure({ resizable: false }),
    TableRow,
    boundedSpans(TableHeader),
    boundedSpans(TableCell),
    ...suggestionMarks(),
  ]
}

/**
 * Suggested changes (shared/suggestions.ts): text someone proposes to insert or delete, kept in
 * the document with who proposed it and when until a writer accepts or rejects it. The names are
 * those the suggestion library (shared/suggest-changes) looks for; `modification` (a proposed
 * change of formatting) exists because the library needs it, and Atelier never makes one.
 */
function suggestionMarks(): Extensions {
  // A suggestion's id, its author's user id, and when it was made (ISO 8601).
  const attrs = () => ({
    id: { default: null, validate: 'string|null' },
    authorId: { default: null, validate: 'string|null' },
    createdAt: { default: null, validate: 'string|null' },
  })
  const html = (tag: 'ins' | 'del') =>
    Mark.create({
      name: tag === 'ins' ? 'insertion' : 'deletion',
      inclusive: false,
      excludes: 'insertion deletion modification',
      addAttributes: attrs,
      parseHTML: () => [{ tag: `${tag}[data-suggestion]` }],
      renderHTML: ({ mark }) => [tag, { 'data-suggestion': mark.attrs.id, 'data-author': mark.attrs.authorId }, 0],
    })
  const modification = Mark.create({
    name: 'modification',
    inclusive: false,
    excludes: 'insertion deletion',
    addAttributes: () => ({
      id: { default: null },
      type: { default: null },
      attrName: { default: null },
      previousValue: { default: null },
      newValue: { default: null },
    }),
    parseHTML: () => [{ tag: 'span[data-modification]' }],
    renderHTML: () => ['span', { 'data-modification': '' }, 0],
  })
  return [html('ins'), html('del'), modification]
}

/**
 * A cell whose span is out of bounds is refused by the schema: the editor leaves such a cell out
 * (y-tiptap drops what the schema refuses) instead of building a table map of a billion columns,
 * and the server reads the document the same way.
 */
function boundedSpans(cell: typeof TableCell) {
  return cell.extend({
    addAttributes() {
      return { ...this.parent?.(), colspan: { default: 1, validate: checkSpan }, rowspan: { default: 1, validate: checkSpan } }
    },
  })
}

function checkSpan(value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_CELL_SPAN) {
    throw new RangeError(`a cell spans from 1 to ${MAX_CELL_SPAN} columns or rows`)
  }
}

/** ProseMirror JSON: a document, or one of its nodes, as Node.toJSON() writes it. */
export type PmMark = { type: string; attrs?: Record<string, unknown> }
export type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: PmMark[] }

/**
 * The widest a table cell may span, in columns or rows. Word allows far more, and a hostile file
 * or writer could ask for a billion: exports and the editor's table map work per spanned cell.
 */
export const MAX_CELL_SPAN = 50

/** A cell's colspan or rowspan as the exports use it: a whole number from 1 to MAX_CELL_SPAN. */
export function cellSpan(value: unknown): number {
  const n = Math.trunc(Number(value))
  return Number.isFinite(n) ? Math.min(MAX_CELL_SPAN, Math.max(1, n)) : 1
}
