import { useState } from 'react'

/**
 * Of several selections (one per kind of card: the comment being written, the selected thread,
 * the selected suggestion), the one made last; the one kept if nothing new was chosen, else any
 * still made. `before` are the selections when `chosen` was answered.
 */
export function latestChoice(before: readonly (string | null)[], now: readonly (string | null)[], chosen: string | null): string | null {
  const fresh = now.find((id, i) => id !== null && id !== before[i])
  if (fresh !== undefined) return fresh
  if (chosen !== null && now.includes(chosen)) return chosen
  return now.find((id) => id !== null) ?? null
}

/** latestChoice, remembered from one render to the next. */
export function useLatestChoice(now: readonly (string | null)[]): string | null {
  const [last, setLast] = useState(() => ({ before: now, chosen: latestChoice([], now, null) }))
  if (now.length === last.before.length && now.every((id, i) => id === last.before[i])) return last.chosen
  // Adjusted while rendering, as React recommends for state that follows props.
  const chosen = latestChoice(last.before, now, last.chosen)
  setLast({ before: now, chosen })
  return chosen
}
