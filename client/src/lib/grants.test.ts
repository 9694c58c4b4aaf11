import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../shared/domain'
import { assignScopes, grantScopes, scopeKey } from './grants'

const network = { type: 'network' as const, id: 'n1', name: 'Réseau' }
const dakar = { type: 'city' as const, id: 'c-dakar', name: 'Dakar' }
const lome = { type: 'city' as const, id: 'c-lome', name: 'Lomé' }

describe('grantScopes', () => {
  it('offers a secretariat its network and the cities of its network, with the roles each takes', () => {
    const secretariat: Actor = {
      userId: 'u1',
      grants: [{ role: 'secretariat', networkId: 'n1', cityId: null, expertKind: null }],
      memberships: [{ networkId: 'n1', cityId: dakar.id, kind: 'pilot' }],
      workshops: [],
    }
    expect(grantScopes(secretariat, [network, dakar, lome])).toEqual([
      { space: network, roles: ['secretariat', 'expert', 'advisory', 'funder'] },
      { space: dakar, roles: ['city_team', 'expert'] },
    ])
  })

  it('offers a city team only its own city, for colleagues', () => {
    const team: Actor = {
      userId: 'u2',
      grants: [{ role: 'city_team', networkId: null, cityId: dakar.id, expertKind: null }],
      memberships: [{ networkId: 'n1', cityId: dakar.id, kind: 'pilot' }],
      workshops: [],
    }
    expect(grantScopes(team, [network, dakar])).toEqual([{ space: dakar, roles: ['city_team'] }])
    expect(grantScopes(null, [network, dakar])).toEqual([])
  })

  it('offers a secretariat the same spaces and roles to give to people listed', () => {
    const secretariat: Actor = {
      userId: 'u1',
      grants: [{ role: 'secretariat', networkId: 'n1', cityId: null, expertKind: null }],
      memberships: [{ networkId: 'n1', cityId: dakar.id, kind: 'pilot' }],
      workshops: [],
    }
    expect(assignScopes(secretariat, [network, dakar, lome])).toEqual(grantScopes(secretariat, [network, dakar, lome]))
  })

  it('offers a city team no role to give to people listed: it invites its colleagues instead', () => {
    const team: Actor = {
      userId: 'u2',
      grants: [{ role: 'city_team', networkId: null, cityId: dakar.id, expertKind: null }],
      memberships: [{ networkId: 'n1', cityId: dakar.id, kind: 'pilot' }],
      workshops: [],
    }
    expect(assignScopes(team, [network, dakar])).toEqual([])
  })

  it('keys a scope by kind and id', () => {
    expect(scopeKey(dakar)).toBe('city:c-dakar')
  })
})
