import type { MembershipView, PersonView } from '../../../shared/api'
import type { Actor } from '../../../shared/domain'
import type { MessageKey } from '../i18n/types'
import { roleLabelKey } from './roles'

/** One person and every role they hold in the spaces shown. */
export type PersonGroup = { user: PersonView['user']; grants: PersonView[] }

/**
 * The API lists one row per role; a screen lists people. Each person once, by name, with
 * their roles: the network's first, then by city.
 */
export function groupPeople(people: readonly PersonView[], locale: string): PersonGroup[] {
  const groups = new Map<string, PersonGroup>()
  for (const grant of people) {
    const group = groups.get(grant.user.id) ?? { user: grant.user, grants: [] }
    group.grants.push(grant)
    groups.set(grant.user.id, group)
  }
  const collator = new Intl.Collator(locale)
  const spaceOrder = (p: PersonView) => (p.space.type === 'network' ? '' : p.space.name)
  for (const group of groups.values()) group.grants.sort((a, b) => collator.compare(spaceOrder(a), spaceOrder(b)))
  return [...groups.values()].sort((a, b) => collator.compare(a.user.name, b.user.name))
}

/**
 * How a role reads in a network: a city's team is the pilot city's or a member city's team
 * there, as the policy sees it.
 */
export function roleInNetworkKey(grant: Pick<PersonView, 'role' | 'expertKind' | 'space'>, memberships: readonly MembershipView[]): MessageKey {
  if (grant.role === 'city_team') {
    const membership = memberships.find((m) => m.city.id === grant.space.id)
    if (membership) return membership.kind === 'pilot' ? 'roles.pilot_city' : 'roles.member_city'
  }
  return roleLabelKey(grant.role, grant.expertKind)
}

/**
 * A listed person as the policy sees them, from the roles shown: enough to ask
 * `canResetPassword`, which looks at where their roles are.
 */
export function actorFromGrants(userId: string, grants: readonly PersonView[]): Actor {
  return {
    userId,
    grants: grants.map((g) => ({
      role: g.role,
      networkId: g.space.type === 'network' ? g.space.id : null,
      cityId: g.space.type === 'city' ? g.space.id : null,
      expertKind: g.expertKind,
    })),
    memberships: [],
    workshops: [],
  }
}
