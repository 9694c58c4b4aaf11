import type { Editor } from '@tiptap/react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { MarginCard } from './cards'
import { sameTops, stackCards } from './stack'
import './margin.css'

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
