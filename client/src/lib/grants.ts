import type { SpaceSummary } from '../../../shared/api'
import type { Actor, GrantRole } from '../../../shared/domain'
import { assignableRoles, grantableRoles } from '../../../shared/policy'

/** A space where someone may hand out roles, and which ones. */
export type GrantScope = { space: SpaceSummary; roles: GrantRole[] }

/**
 * Of the spaces a screen shows, those where the signed-in person may invite or give a role,
 * as the policy says (the server checks again).
 */
export function grantScopes(actor: Actor | null, spaces: readonly SpaceSummary[]): GrantScope[] {
  return spaces.map((space) => ({ space, roles: grantableRoles(actor, { type: space.type, id: space.id }) })).filter((scope) => scope.roles.length > 0)
}

/**
 * Of the spaces a screen shows, those where the signed-in person may give a role to someone
 * listed (the secretariat), as the policy says. A city team invites; it does not give roles.
 */
export function assignScopes(actor: Actor | null, spaces: readonly SpaceSummary[]): GrantScope[] {
  return spaces.map((space) => ({ space, roles: assignableRoles(actor, { type: space.type, id: space.id }) })).filter((scope) => scope.roles.length > 0)
}

export const scopeKey = (space: Pick<SpaceSummary, 'type' | 'id'>) => `${space.type}:${space.id}`
