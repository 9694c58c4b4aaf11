import { type RefObject, useLayoutEffect } from 'react'

/** The least room kept between a popup and the edge of the screen, in CSS pixels. */
const MARGIN = 8

/**
 * Slides an open popup sideways until it is inside the screen: hung from a button near the
 * left edge of a phone, a menu aligned on the button's right would start off the screen.
 */
export function useKeepInView(ref: RefObject<HTMLElement | null>, open: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current
    if (!el || !open) return
    el.style.translate = ''
    const { left, right } = el.getBoundingClientRect()
    const room = document.documentElement.clientWidth - MARGIN
    const shift = left < MARGIN ? MARGIN - left : right > room ? room - right : 0
    if (shift !== 0) el.style.translate = `${shift}px 0`
  }, [ref, open])
}
