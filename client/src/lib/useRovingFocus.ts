import { type FocusEvent, type KeyboardEvent, type RefObject, useCallback, useLayoutEffect, useRef } from 'react'

const ITEMS = 'button:not([disabled]), select:not([disabled])'

const NEXT: Record<'horizontal' | 'vertical', { next: string; previous: string }> = {
  horizontal: { next: 'ArrowRight', previous: 'ArrowLeft' },
  vertical: { next: 'ArrowDown', previous: 'ArrowUp' },
}

/** The item `key` moves to from `index` among `count`, wrapping around; null for a key that does not move. */
export function movedTo(key: string, index: number, count: number, orientation: 'horizontal' | 'vertical'): number | null {
  if (count === 0) return null
  const keys = NEXT[orientation]
  if (key === keys.next) return (index + 1) % count
  if (key === keys.previous) return (index - 1 + count) % count
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return null
}

/**
 * Arrow keys move the focus among a group's enabled buttons and selects, as WAI-ARIA's toolbar and
 * menu patterns ask: the group is one Tab stop (the item last used keeps tabindex 0, the others
 * -1), so reaching what follows takes one Tab, not one per button.
 */
export function useRovingFocus(ref: RefObject<HTMLElement | null>, orientation: 'horizontal' | 'vertical') {
  const current = useRef<HTMLElement | null>(null)

  useLayoutEffect(() => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])]
    const stop = items.find((el) => el === current.current) ?? items[0]
    for (const el of items) el.tabIndex = el === stop ? 0 : -1
  })

  const onFocus = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])]
      if (!items.includes(event.target)) return
      current.current = event.target
      for (const el of items) el.tabIndex = el === event.target ? 0 : -1
    },
    [ref],
  )

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])]
      const index = items.indexOf(document.activeElement as HTMLElement)
      if (index < 0) return
      const to = movedTo(event.key, index, items.length, orientation)
      if (to === null) return
      event.preventDefault()
      items[to]!.focus()
    },
    [ref, orientation],
  )

  return { onFocus, onKeyDown }
}
