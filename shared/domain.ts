/** The workspace vocabulary shared by server and client. */

/** Roles as stored: granted on a network, or on a city ('city_team', and 'expert' when invited by a city). */
export const GRANT_ROLES = ['secretariat', 'city_team', 'expert', 'advisory', 'funder'] as const
export type GrantRole = (typeof GRANT_ROLES)[number]

/**
 * Roles as the policy sees them in one space. A city team is the pilot-city team or a
 * member-city team in each network, depending on the city's membership there.
 */
export const SPACE_ROLES = ['secretariat', 'pilot_city', 'member_city', 'city_team', 'expert', 'advisory', 'funder'] as const
export type SpaceRole = (typeof SPACE_ROLES)[number]

export const EXPERT_KINDS = ['local', 'international'] as const
export type ExpertKind = (typeof EXPERT_KINDS)[number]

export const MEMBERSHIP_KINDS = ['pilot', 'member'] as const
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number]

export const NETWORK_STATUSES = ['forming', 'active', 'closed'] as const
export type NetworkStatus = (typeof NETWORK_STATUSES)[number]

export type SpaceRef = { type: 'network'; id: string } | { type: 'city'; id: string }

export type Grant = {
  role: GrantRole
  networkId: string | null
  cityId: string | null
  expertKind: ExpertKind | null
}

/** An active membership of a city in a network. */
export type Membership = { networkId: string; cityId: string; kind: MembershipKind }

/**
 * Everything the policy needs to know about a person: their grants, the memberships around them,
 * and the workshops they take part in (by name, or through a representative of a city of that
 * network on whose team they are).
 */
export type Actor = {
  userId: string
  grants: Grant[]
  memberships: Membership[]
  workshops: string[]
}

/** A comment thread is open until someone resolves it (and may be reopened). */
export type ThreadStatus = 'open' | 'resolved'

/** Why someone is notified: a mention, a reply in a thread they are in, or a step of a submission (to the secretariat, or back to the writers). */
export type NotificationKind = 'mention' | 'reply' | 'submitted' | 'returned' | 'validated'

/** How a version came to be: saved by name, kept automatically, or made by a restore. */
export type VersionKind = 'named' | 'automatic' | 'restore'

/**
 * Where a deliverable stands in the network's cycle: a city drafts it, submits it to the
 * secretariat, who returns it with remarks (back to editing) or validates it; the next
 * submission after a validation is the next version (V2 after experimentation).
 */
export const STAGES = ['draft', 'submitted', 'returned', 'validated'] as const
export type Stage = (typeof STAGES)[number]

/** Still with its writers: neither under review nor validated. */
export const withWriters = (stage: Stage | null): boolean => stage === 'draft' || stage === 'returned'

/** Its due day (YYYY-MM-DD) is past while it is still with its writers; days are read in UTC. */
export function isOverdue(d: { stage: Stage | null; dueOn: string | null }, today = new Date().toISOString().slice(0, 10)): boolean {
  return d.dueOn !== null && d.dueOn < today && withWriters(d.stage)
}
