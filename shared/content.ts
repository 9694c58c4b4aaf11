import type { Extensions } from '@tiptap/core'
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
    TableHeader,
    TableCell,
  ]
}

/** ProseMirror JSON: a document, or one of its nodes, as Node.toJSON() writes it. */
export type PmMark = { type: string; attrs?: Record<string, unknown> }
export type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: PmMark[] }
