import { useSyncExternalStore } from 'react'

/*
 * The widths at which screens change their layout. The style sheets use the same numbers in
 * their @media rules (CSS variables cannot be used there): change both together.
 */

/** Phones and tablets held upright: one column, side panels behind buttons (52rem = 832 px). */
export const NARROW_SCREEN = '(max-width: 52rem)'
/** Phones: the header's search shrinks to a button (40rem = 640 px). */
export const PHONE_SCREEN = '(max-width: 40rem)'
/** Below this the header's secondary actions no longer fit beside the search on one row (75rem = 1200 px). */
export const COMPACT_HEADER = '(max-width: 75rem)'

/** Whether the media query matches now; follows it as the window is resized or turned. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    () => window.matchMedia(query).matches,
  )
}
