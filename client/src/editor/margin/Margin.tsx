import type { Node } from '@tiptap/pm/model'
import type { Editor } from '@tiptap/react'
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { sameTops, stackCards } from './stack'
import './margin.css'

/** A card for the margin: where its words start in the text now (a position), and the card. */
export type MarginCard = { id: string; from: number; node: ReactNode }

/**
 * Cards handed to another component's margin (the suggestions', to the comments column): they
 * say where their words are in the text as it is when that component renders.
 */
export type LocatedCards = { active: string | null; cards: { id: string; node: ReactNode; locate: (doc: Node) => number | null }[] }

/** Those located cards whose words are in `doc`, placed there. */
export function placeIn(doc: Node, located: LocatedCards | undefined): MarginCard[] {
  return (located?.cards ?? []).flatMap(({ id, node, locate }) => {
    const from = locate(doc)
    return from === null ? [] : [{ id, from, node }]
  })
}

type Props = {
  editor: Editor
  /**
   * Where their words are must be current: the component rendering the margin follows the
   * text (useTextChanges), and so re-renders it whenever the words may have moved.
   */
  cards: MarginCard[]
  /** The card that sits exactly beside its words; the others make room around it. */
  active: string | null
}

/**
 * A column of cards beside the text, each as close to its words as stackCards allows (one
 * stacking for every kind of card in it), in the text's order for the keyboard. Measured after
 * every render; state changes only when a card actually moves, so this settles. On a narrow
 * screen, in a sheet, the cards are a plain list instead (margin.css).
 */
export function Margin({ editor, cards, active }: Props) {
  const column = useRef<HTMLDivElement>(null)
  const slots = useRef(new Map<string, HTMLElement>())
  const slotRefs = useRef(new Map<string, (el: HTMLElement | null) => void>())
  const resizes = useRef<ResizeObserver | null>(null)
  const [tops, setTops] = useState<Map<string, number>>(new Map())
  const [, setTick] = useState(0)

  // A card that grows or shrinks (a reply box opening) moves those below it.
  useEffect(() => {
    let frame = 0
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setTick((n) => n + 1))
    })
    for (const el of slots.current.values()) observer.observe(el)
    resizes.current = observer
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      resizes.current = null
    }
  }, [])

  // In the text's order: the keyboard's, and where words share a line, the card of the first goes first.
  const ordered = [...cards].sort((a, b) => a.from - b.from)

  useLayoutEffect(() => {
    const el = column.current
    if (!el) return
    const base = el.getBoundingClientRect().top
    const end = editor.state.doc.content.size
    const placed = ordered.map((card) => ({
      id: card.id,
      top: editor.view.coordsAtPos(Math.min(card.from, end)).top - base,
      height: slots.current.get(card.id)?.offsetHeight ?? 0,
    }))
    const next = stackCards(placed, active)
    if (!sameTops(next, tops)) setTops(next)
  })

  // One callback per card, kept: a new one at each render would detach and attach it again.
  const slotRef = (id: string) => {
    let ref = slotRefs.current.get(id)
    if (!ref) {
      ref = (el) => {
        const old = slots.current.get(id)
        if (old) resizes.current?.unobserve(old)
        if (el) {
          slots.current.set(id, el)
          resizes.current?.observe(el)
        } else {
          slots.current.delete(id)
          slotRefs.current.delete(id)
        }
      }
      slotRefs.current.set(id, ref)
    }
    return ref
  }

  const height = Math.max(0, ...[...tops].map(([id, top]) => top + (slots.current.get(id)?.offsetHeight ?? 0)))
  return (
    <div className="margin" ref={column} style={{ minHeight: height }}>
      {ordered.map((card) => (
        <div
          key={card.id}
          ref={slotRef(card.id)}
          className={card.id === active ? 'margin-slot margin-slot-active' : 'margin-slot'}
          style={{ top: tops.get(card.id) ?? 0 }}
        >
          {card.node}
        </div>
      ))}
    </div>
  )
}
