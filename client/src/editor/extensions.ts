import type { Extensions } from '@tiptap/core'
import { Collaboration } from '@tiptap/extension-collaboration'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import { Placeholder } from '@tiptap/extensions'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { FRAGMENT, type PresenceUser } from '../../../shared/collab'
import { contentExtensions } from '../../../shared/content'

type Options = {
  doc: Y.Doc
  provider: WebsocketProvider
  /** This person's caret as others would see it (the server stamps the real identity anyway). */
  user: Pick<PresenceUser, 'id' | 'name' | 'color'>
  /** Called at render time, so it follows a change of language. */
  placeholder: () => string
}

/**
 * The editor: the document's schema (shared/content.ts, the same on the server) and behaviour.
 * History comes from the Collaboration extension: its undo manager only undoes this person's
 * own edits.
 */
export function editorExtensions({ doc, provider, user, placeholder }: Options): Extensions {
  return [
    ...contentExtensions(),
    Placeholder.configure({ placeholder: () => placeholder() }),
    Collaboration.configure({ document: doc, field: FRAGMENT }),
    CollaborationCaret.configure({ provider, user, render: renderCaret }),
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
