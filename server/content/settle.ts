import { updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import { pendingSuggestions, settleSuggestions, type Decision, type PendingSuggestion } from '../../shared/suggestions'
import { readContent } from './yjs'

/** Which pending suggestions to settle: by id, or every one (of one author, when named). */
export type SuggestionChoice = { ids: string[] } | { all: true; authorId?: string }

export const chooses = (choice: SuggestionChoice) => (s: PendingSuggestion) =>
  'ids' in choice ? choice.ids.includes(s.id) : choice.authorId === undefined || s.authorId === choice.authorId

/**
 * The edit that accepts or rejects the chosen suggestions, made on a copy with a Yjs client of
 * its own (so it is the decider's edit). Each suggestion is written back by y-tiptap's
 * updateYFragment, one at a time so each change stays one contiguous span: text that stays keeps
 * its Yjs items, so an accepted insertion loses only its mark and the compare still credits the
 * words to whoever suggested them. `settled` counts the suggestions the document held.
 */
export function settleUpdate(current: Y.Doc, decision: Decision, choice: SuggestionChoice): { update: Uint8Array; settled: number } {
  const copy = new Y.Doc()
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(current))
    const before = Y.encodeStateVector(copy)
    const chosen = pendingSuggestions(readContent(copy)).filter(chooses(choice))
    const fragment = copy.getXmlFragment(FRAGMENT)
    for (const suggestion of chosen) {
      const next = settleSuggestions(readContent(copy), decision, (s) => s.id === suggestion.id)
      updateYFragment(copy, fragment, next, { mapping: new Map(), isOMark: new Map() })
    }
    return { update: Y.encodeStateAsUpdate(copy, before), settled: chosen.length }
  } finally {
    copy.destroy()
  }
}
