/**
 * International workshops, from the seeds ("Atelier international"): two or three days at most,
 * co-organised by the secretariat and the pilot city; the secretariat funds at most three
 * experts and one member of the advisory group; member cities come at their own cost.
 */
export const WORKSHOP_MAX_DAYS = 3
export const WORKSHOP_MIN_DAYS = 2

export const PARTICIPANT_KINDS = ['local_expert', 'international_expert', 'advisory', 'city_representative'] as const
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number]

/** How many of each may be funded by the secretariat (a city's representative only by recorded exception). */
export const FUNDED_CAPS = { experts: 3, advisory: 1 } as const

/** The four deliverables a workshop produces, each from its template, due some weeks after it. */
export const WORKSHOP_DELIVERABLES = ['thematic_sheet', 'network_constitution', 'problem_statement', 'pilot_project'] as const
export type WorkshopDeliverable = (typeof WORKSHOP_DELIVERABLES)[number]
export const DELIVERABLES_DUE_DAYS = 30

/**
 * The seed's list of what a workshop can work on (not exhaustive: the pilot city may propose
 * others), offered as suggestions; their words are in the client's catalogues.
 */
export const OBJECTIVE_SUGGESTIONS = ['constitution', 'practices', 'actions', 'deliverables'] as const

export type FundingRefusal = 'experts_cap' | 'advisory_cap' | 'city_needs_exception' | null

/** Whether one more funded participant of this kind fits the secretariat's caps. */
export function fundingRefusal(kind: ParticipantKind, funded: { experts: number; advisory: number }, exception: boolean): FundingRefusal {
  if (kind === 'local_expert' || kind === 'international_expert') return funded.experts >= FUNDED_CAPS.experts ? 'experts_cap' : null
  if (kind === 'advisory') return funded.advisory >= FUNDED_CAPS.advisory ? 'advisory_cap' : null
  return exception ? null : 'city_needs_exception'
}

/** Where a workshop stands on a given day (YYYY-MM-DD): before it, during its days, or after. */
export type WorkshopPhase = 'upcoming' | 'live' | 'past'
export function workshopPhase(today: string, w: { startsOn: string; endsOn: string }): WorkshopPhase {
  if (today < w.startsOn) return 'upcoming'
  return today > w.endsOn ? 'past' : 'live'
}

/** How long a guest's invitation link lasts by default, in days (the secretariat may ask for 1 to 30). */
export const GUEST_LINK_DAYS = 7
