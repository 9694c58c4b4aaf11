import type { Action } from './policy'
import type { Actor, ExpertKind, GrantRole, MembershipKind, NetworkStatus, SpaceRef, SpaceRole } from './domain'
import type { DocumentKind, TemplateLocale } from './templates'

/** Response bodies. The server's routes are typed against these and the client reads them. */

export type PublicUser = { id: string; email: string; name: string; locale: TemplateLocale }

export type SpaceSummary = { type: SpaceRef['type']; id: string; name: string }

export type DocumentSummary = {
  id: string
  title: string
  kind: DocumentKind
  template: DocumentKind
  locale: TemplateLocale
  space: SpaceSummary
  createdBy: string | null
  createdAt: string
  updatedAt: string
  archived: boolean
  /** What the caller may do with it, from the policy module. */
  allowed: Action[]
}

export type NetworkSummary = {
  id: string
  name: string
  theme: string
  description: string
  status: NetworkStatus
  roles: SpaceRole[]
  allowed: Action[]
}

export type CitySummary = {
  id: string
  name: string
  country: string
  languages: string[]
  roles: SpaceRole[]
  allowed: Action[]
}

/** A city that could join a network (GET /api/networks/:id/city-candidates). */
export type CityOption = { id: string; name: string; country: string; languages: string[] }

export type MembershipView = {
  city: { id: string; name: string; country: string }
  kind: MembershipKind
  selectedOn: string | null
  confirmedOn: string | null
  startedOn: string | null
  /** Days between selection and start (or today, if not started): the seeds warn that long gaps lose cities. */
  gapDays: number | null
}

export type PersonView = {
  grantId: string
  user: { id: string; name: string; email: string }
  role: GrantRole
  expertKind: ExpertKind | null
  space: SpaceSummary
}

export type MeResponse = {
  user: PublicUser
  actor: Actor
  networks: NetworkSummary[]
  cities: CitySummary[]
}

export type NetworkDetail = NetworkSummary & {
  memberships: MembershipView[]
  people: PersonView[]
  documents: DocumentSummary[]
}

export type CityDetail = CitySummary & {
  networks: { id: string; name: string; kind: MembershipKind }[]
  people: PersonView[]
  documents: DocumentSummary[]
}

export type InvitationView = {
  role: GrantRole
  expertKind: ExpertKind | null
  space: SpaceSummary
  email: string | null
  expiresAt: string
  invitedBy: string | null
}

export type LinkResponse = { url: string; expiresAt: string }

/** For WebSocket clients that cannot send the session cookie: `/collab/<id>?token=…`. */
export type CollabTokenResponse = { token: string; expiresAt: string }

export type SetupStatus = { needed: boolean }

export type HealthResponse = { status: 'ok' | 'degraded'; database: 'ok' | 'unreachable'; driver: 'pglite' | 'postgres' }
