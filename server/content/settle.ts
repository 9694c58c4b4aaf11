import type { Node } from '@tiptap/pm/model'
import { updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import { settleSuggestions, SPLIT_MARKER, suggestionAttrs, type Decision, type PendingSuggestion } from '../../shared/suggestions'
import { schema } from './schema'
import { nodeOf, readContent } from './yjs'

/** Which pending suggestions to settle: by id, or every one (of one author, when named). */
export type SuggestionChoice = { ids: string[] } | { all: true; authorId?: string }

export const chooses = (choice: SuggestionChoice) => (s: Pick<PendingSuggestion, 'id' | 'authorId'>) =>
  'ids' in choice ? choice.ids.includes(s.id) : choice.authorId === undefined || s.authorId === choice.authorId

/**
 * The edit that accepts or rejects the chosen suggestions, made on a copy with a Yjs client of
 * its own (so it is the decider's edit). Each suggestion is written back by y-tiptap's
 * updateYFragment, one at a time so each change stays one contiguous span: text that stays keeps
 * its Yjs items, so an accepted insertion loses only its mark and the compare still credits the
 * words to whoever suggested them. A suggestion within one block is settled in that block alone,
 * so settling many costs their number times a block, not times the document; one that spans
 * blocks, or is a paragraph break, is settled in the whole document. `settled` counts the
 * suggestions the document held.
 */
export function settleUpdate(current: Y.Doc, decision: Decision, choice: SuggestionChoice): { update: Uint8Array; settled: number } {
  const copy = new Y.Doc()
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current))
    const before = Y.encodeStateVector(copy)
    const fragment = copy.getXmlFragment(FRAGMENT)
    const wanted = chooses(choice)
    const chosen = [...placesOf(fragment)].filter(([id, place]) => wanted({ id, authorId: place.authorId }))
    const meta = () => ({ mapping: new Map(), isOMark: new Map() })
    const acrossBlocks: string[] = []
    for (const [id, place] of chosen) {
      const index = !place.split && place.blocks.size === 1 ? [...place.blocks][0]! : undefined
      const element = index === undefined ? undefined : fragment.get(index)
      const block = element instanceof Y.XmlElement ? nodeOf(element) : null
      const next = block && settleSuggestions(schema.topNodeType.create(null, [block]), decision, (s) => s.id === id)
      if (element instanceof Y.XmlElement && next?.childCount === 1) updateYFragment(copy, element, next.firstChild!, meta())
      else acrossBlocks.push(id)
    }
    for (const id of acrossBlocks)
      updateYFragment(
        copy,
        fragment,
        settleSuggestions(readContent(copy), decision, (s) => s.id === id),
        meta(),
      )
    return { update: Y.encodeStateAsUpdate(copy, before), settled: chosen.length }
  } finally {
    copy.destroy()
  }
}

type Place = { authorId: string; blocks: Set<number>; split: boolean }

/**
 * Every pending suggestion, in the order they first appear, read block by block as the editor
 * reads them: its author (as its first mark says, like pendingSuggestions), the top-level blocks
 * its marks are in, and whether it carries a paragraph break.
 */
function placesOf(fragment: Y.XmlFragment): Map<string, Place> {
  const places = new Map<string, Place>()
  fragment.toArray().forEach((child, index) => {
    const block: Node | null = child instanceof Y.XmlElement ? nodeOf(child) : null
    block?.descendants((node) => {
      if (!node.isText) return true
      for (const mark of node.marks) {
        const attrs = suggestionAttrs(mark)
        if (!attrs) continue
        const place = places.get(attrs.id) ?? { authorId: attrs.authorId, blocks: new Set<number>(), split: false }
        place.blocks.add(index)
        place.split ||= node.text?.includes(SPLIT_MARKER) ?? false
        places.set(attrs.id, place)
      }
      return false
    })
  })
  return places
}
