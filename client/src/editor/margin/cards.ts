import type { Node } from '@tiptap/pm/model'
import type { ReactNode } from 'react'

/** A card for the margin: where its words start in the text now (a position), and the card. */
export type MarginCard = { id: string; from: number; node: ReactNode }

/**
 * Cards handed to another component's margin (the suggestions', to the comments column): they
 * say where their words start in the text as it is when that component renders (a card missing
 * from `starts` is not placed), and which of them is selected.
 */
export type LocatedCards = { active: string | null; cards: { id: string; node: ReactNode }[]; starts: (doc: Node) => Map<string, number> }

/** Those located cards whose words are in `doc`, placed there. */
export function placeIn(doc: Node, located: LocatedCards | undefined): MarginCard[] {
  if (!located) return []
  const starts = located.starts(doc)
  return located.cards.flatMap(({ id, node }) => {
    const from = starts.get(id)
    return from === undefined ? [] : [{ id, from, node }]
  })
}
