export type CardSlot = { id: string /** Where its words are, from the top of the margin. */; top: number; height: number }

/**
 * Lines cards up with their words, as Google Docs does: each card as close to its words as it
 * can be without overlapping another. The active card sits exactly beside its words; the cards
 * above it are pushed up and the ones below pushed down. Never above 0. Cards whose words are
 * at the same height (on one line) keep the order they are given in.
 */
export function stackCards(slots: CardSlot[], activeId: string | null, gap = 8): Map<string, number> {
  const sorted = [...slots].sort((a, b) => a.top - b.top)
  const tops = new Map<string, number>()
  const pivot = Math.max(
    0,
    sorted.findIndex((s) => s.id === activeId),
  )

  let floor = -Infinity
  for (let i = pivot; i < sorted.length; i++) {
    const s = sorted[i]!
    const top = Math.max(s.top, floor)
    tops.set(s.id, top)
    floor = top + s.height + gap
  }
  let ceiling = sorted[pivot] ? tops.get(sorted[pivot].id)! - gap : Infinity
  for (let i = pivot - 1; i >= 0; i--) {
    const s = sorted[i]!
    const top = Math.min(s.top, ceiling - s.height)
    tops.set(s.id, top)
    ceiling = top - gap
  }
  // Pushed above the top of the text: slide everything down as a block.
  const lowest = Math.min(0, ...tops.values())
  if (lowest < 0) for (const [id, top] of tops) tops.set(id, top - lowest)
  return tops
}

/** Whether two placements put every card at the same place (to half a pixel). */
export function sameTops(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false
  for (const [id, top] of a) {
    const other = b.get(id)
    if (other === undefined || Math.abs(other - top) > 0.5) return false
  }
  return true
}
