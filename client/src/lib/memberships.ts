import type { MembershipView } from '../../../shared/api'

/**
 * The seeds' lesson: eight months between selecting cities and starting lost some of them.
 * Three months without a start is when the secretariat should act, long before that.
 */
export const LONG_GAP_DAYS = 90

export type MembershipGap = {
  days: number
  /** Started: the gap is history. Not started: it is still growing. */
  started: boolean
  long: boolean
}

/** The gap between selection and start (or today) the API computed, with what it means. */
export function membershipGap(m: Pick<MembershipView, 'gapDays' | 'startedOn'>): MembershipGap | null {
  if (m.gapDays === null) return null
  return { days: m.gapDays, started: m.startedOn !== null, long: m.gapDays >= LONG_GAP_DAYS }
}

export const MEMBERSHIP_DATES = ['selectedOn', 'confirmedOn', 'startedOn'] as const
export type MembershipDate = (typeof MEMBERSHIP_DATES)[number]

/**
 * Date inputs → a request body: an empty input is `emptyAs` (undefined when adding a city,
 * so nothing is sent; null when editing, so the date is cleared).
 */
export function datesFromInputs<E extends null | undefined>(values: Record<MembershipDate, string>, emptyAs: E): Record<MembershipDate, string | E> {
  const out = {} as Record<MembershipDate, string | E>
  for (const key of MEMBERSHIP_DATES) out[key] = values[key].trim() || emptyAs
  return out
}

/** A membership's dates as input values ('' when unknown). */
export function datesToInputs(m: Pick<MembershipView, MembershipDate>): Record<MembershipDate, string> {
  return { selectedOn: m.selectedOn ?? '', confirmedOn: m.confirmedOn ?? '', startedOn: m.startedOn ?? '' }
}
