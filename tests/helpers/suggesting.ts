import type { Node } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { newSuggestionId } from '../../shared/suggestions'
import { FRAGMENT } from '../../shared/collab'
import type { PmNode } from '../../shared/content'
import { transformToSuggestionTransaction } from '../../shared/suggest-changes/withSuggestChanges.js'
import { contentNode, schema } from '../../server/content/schema'
import { readContent, yjsBlocks } from '../../server/content/yjs'
import { checkSuggestion } from '../../server/collab/suggestions/check'

/**
 * Edits a Y.Doc as the editor does: a ProseMirror transaction on the document's content, turned
 * into a suggestion by the vendored library when suggesting (its marks stamped with the author
 * and the time, as Atelier's patched library does), written back through y-tiptap.
 */
export class Editing {
  constructor(
    readonly doc: Y.Doc,
    readonly authorId: string,
  ) {}

  get content(): Node {
    return readContent(this.doc)
  }

  /** A suggestion: `edit` builds an ordinary transaction, the library turns it into a suggestion. */
  suggest(edit: (tr: Transaction, find: (text: string) => number) => void): void {
    const state = EditorState.create({ doc: this.content, schema })
    const tr = state.tr
    edit(tr, (text) => positionOf(state.doc, text))
    this.write(state.apply(transformToSuggestionTransaction(tr, state, () => newSuggestionId(this.authorId), this.authorId)).doc)
  }

  /** A plain edit, as a writer (or a forger) makes it. */
  edit(edit: (tr: Transaction, find: (text: string) => number) => void): void {
    const state = EditorState.create({ doc: this.content, schema })
    const tr = state.tr
    edit(tr, (text) => positionOf(state.doc, text))
    this.write(state.apply(tr).doc)
  }

  /** Makes the Y.Doc hold `content`, changing what differs, as y-tiptap does after each transaction. */
  write(content: Node): void {
    this.doc.transact(() => updateYFragment(this.doc, this.doc.getXmlFragment(FRAGMENT), content, { mapping: new Map(), isOMark: new Map() }))
  }
}

/** Where `text` starts in the document (a ProseMirror position, within one block); throws if it is not there. */
export function positionOf(doc: Node, text: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found >= 0) return false
    if (!node.isTextblock) return true
    const at = node.textContent.indexOf(text)
    if (at >= 0) found = pos + 1 + at
    return false
  })
  if (found < 0) throw new Error(`"${text}" is not in the document`)
  return found
}

/** Replaces a document's whole content with these blocks (a writer's edit). */
export function setContent(doc: Y.Doc, json: PmNode): void {
  const fragment = doc.getXmlFragment(FRAGMENT)
  doc.transact(() => {
    fragment.delete(0, fragment.length)
    fragment.insert(0, yjsBlocks(contentNode(json)))
  })
}

export const paragraph = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content })
export const text = (t: string, marks?: PmNode['marks']): PmNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) })
export const docJson = (...content: PmNode[]): PmNode => ({ type: 'doc', content })

/**
 * What the suggestion guard does with an update, without a server: apply it to a copy of the live
 * document, and check it (server/collab/suggestions/check.ts). null when accepted.
 */
export function checkedOn(live: Y.Doc, update: Uint8Array, authorId: string): string | null {
  const shadow = new Y.Doc()
  shadow.getXmlFragment(FRAGMENT)
  Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live))
  let transaction: Y.Transaction | undefined
  shadow.transact((tr) => {
    Y.applyUpdate(shadow, update)
    transaction = tr
  })
  return checkSuggestion(live, shadow, transaction!, authorId)
}
