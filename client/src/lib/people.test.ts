import { describe, expect, it } from 'vitest'
import type { MembershipView, PersonView } from '../../../shared/api'
import type { Actor } from '../../../shared/domain'
import { canResetPassword } from '../../../shared/policy'
import { actorFromGrants, groupPeople, roleInNetworkKey } from './people'

const network = { type: 'network' as const, id: 'n1', name: 'Réseau' }
const dakar = { type: 'city' as const, id: 'c-dakar', name: 'Dakar' }
const abidjan = { type: 'city' as const, id: 'c-abidjan', name: 'Abidjan' }

const person = (
  grantId: string,
  userId: string,
  name: string,
  role: PersonView['role'],
  space: PersonView['space'],
  expertKind: PersonView['expertKind'] = null,
): PersonView => ({
  grantId,
  user: { id: userId, name, email: `${userId}@demo.atelier` },
  role,
  expertKind,
  space,
  allowed: { revoke: false },
})

const membership = (city: typeof dakar, kind: MembershipView['kind']): MembershipView => ({
  city: { id: city.id, name: city.name, country: '' },
  kind,
  selectedOn: null,
  confirmedOn: null,
  startedOn: null,
  gapDays: null,
})

describe('groupPeople', () => {
  it('lists each person once, by name in the reader’s language, with the network role first', () => {
    const groups = groupPeople(
      [
        person('g1', 'u-koffi', 'Koffi Kouassi', 'city_team', abidjan),
        person('g2', 'u-eloise', 'Éloïse Martin', 'city_team', dakar),
        person('g3', 'u-koffi', 'Koffi Kouassi', 'expert', dakar, 'international'),
        person('g4', 'u-koffi', 'Koffi Kouassi', 'advisory', network),
        person('g5', 'u-ana', 'Ana Diop', 'funder', network),
      ],
      'fr',
    )
    // « É » sorts with « E » in French, not after « Z ».
    expect(groups.map((g) => g.user.name)).toEqual(['Ana Diop', 'Éloïse Martin', 'Koffi Kouassi'])
    expect(groups[2]!.grants.map((g) => g.grantId)).toEqual(['g4', 'g1', 'g3'])
  })
})

describe('roleInNetworkKey', () => {
  const memberships = [membership(dakar, 'pilot'), membership(abidjan, 'member')]

  it('names a city team by its city’s place in the network', () => {
    expect(roleInNetworkKey(person('g', 'u', 'A', 'city_team', dakar), memberships)).toBe('roles.pilot_city')
    expect(roleInNetworkKey(person('g', 'u', 'A', 'city_team', abidjan), memberships)).toBe('roles.member_city')
    expect(roleInNetworkKey(person('g', 'u', 'A', 'city_team', abidjan), [])).toBe('roles.city_team')
  })

  it('names other roles as they are, experts with their kind', () => {
    expect(roleInNetworkKey(person('g', 'u', 'A', 'expert', network, 'local'), memberships)).toBe('roles.expert_local')
    expect(roleInNetworkKey(person('g', 'u', 'A', 'funder', network), memberships)).toBe('roles.funder')
  })
})

describe('actorFromGrants', () => {
  it('lets the policy decide who a secretariat may make a reset link for', () => {
    const secretariat: Actor = {
      userId: 'u-claire',
      grants: [{ role: 'secretariat', networkId: 'n1', cityId: null, expertKind: null }],
      memberships: [{ networkId: 'n1', cityId: dakar.id, kind: 'pilot' }],
      workshops: [],
    }
    const aminata = actorFromGrants('u-aminata', [person('g', 'u-aminata', 'Aminata', 'city_team', dakar)])
    expect(aminata.grants).toEqual([{ role: 'city_team', networkId: null, cityId: dakar.id, expertKind: null }])
    expect(canResetPassword(secretariat, aminata)).toBe(true)
    expect(
      canResetPassword(secretariat, actorFromGrants('u-other', [person('g', 'u-other', 'X', 'city_team', { type: 'city', id: 'elsewhere', name: 'X' })])),
    ).toBe(false)
    expect(canResetPassword(secretariat, actorFromGrants('u-claire', [person('g', 'u-claire', 'Claire', 'secretariat', network)]))).toBe(false)
  })
})
