import type { Extensions } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import { Placeholder } from '@tiptap/extensions'
import { StarterKit } from '@tiptap/starter-kit'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { FRAGMENT, type PresenceUser } from '../../../shared/collab'

type Options = {
  doc: Y.Doc
  provider: WebsocketProvider
  /** This person's caret as others would see it (the server stamps the real identity anyway). */
  user: Pick<PresenceUser, 'id' | 'name' | 'color'>
  /** Called at render time, so it follows a change of language. */
  placeholder: () => string
}

/**
 * The editor's schema and behaviour. Node names are what the server's content copy and the
 * templates use (heading, paragraph, bulletList, table, taskList, ...). History comes from the
 * Collaboration extension: its undo manager only undoes this person's own edits.
 */
export function editorExtensions({ doc, provider, user, placeholder }: Options): Extensions {
  return [
    ...contentExtensions(),
    Placeholder.configure({ placeholder: () => placeholder() }),
    Collaboration.configure({ document: doc, field: FRAGMENT }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
  ]
}

/** The document's schema alone, for showing a saved version read-only. */
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

/** Tiptap's caret, plus the person's id so the presence list can scroll to it. */
export function renderCaret(user: Partial<PresenceUser>): HTMLElement {
  const color = /^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color! : '#475569'
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.style.borderColor = color
  if (user.id) caret.dataset.userId = user.id
  const label = document.createElement('div')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = user.city ? `${user.name ?? ''} · ${user.city}` : (user.name ?? '')
  caret.append(label)
  return caret
}
