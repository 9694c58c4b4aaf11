import { describe, expect, it } from 'vitest'
import { STAGES, type Actor, type Grant, type Membership, type SpaceRef, type Stage } from '../../shared/domain'
import {
  ACTIONS,
  accessLevel,
  canCreateNetwork,
  commentRefusal,
  refusal,
  type DocumentTarget,
  assignableRoles,
  assignRefusal,
  can,
  canGiveTo,
  canGrant,
  canOnComment,
  canResetPassword,
  canSeeEmail,
  canSeeWorkshop,
  canSettleSuggestion,
  suggestionRefusal,
  canBrowsePractices,
  canEditPractice,
  canModeratePractice,
  canPublishPractice,
  grantableRoles,
  readableSpaces,
  revokeRefusal,
  versionChangeRefusal,
  type Action,
  type CommentAction,
  type HeldRole,
  type VersionState,
} from '../../shared/policy'

/**
 * The whole permission matrix, written out by hand from the product brief (not derived from
 * the rules it checks): Y allowed, . refused, in the order of COLUMNS.
 */
const COLUMNS: Action[] = [
  'read',
  'comment',
  'suggest',
  'resolve_comment',
  'delete_comment',
  'write',
  'create_document',
  'rename_document',
  'archive_document',
  'invite',
  'manage_members',
  'lock_version',
  'submit',
  'review',
  'set_due_date',
  'view_dashboard',
  'tick_onboarding',
  'organise_workshop',
  'track_localisation',
]

// A network N with pilot city P and member city M; city O is in another network N2 only.
const N = 'network-n',
  N2 = 'network-n2',
  P = 'city-pilot',
  M = 'city-member',
  O = 'city-other'
const MEMBERSHIPS: Membership[] = [
  { networkId: N, cityId: P, kind: 'pilot' },
  { networkId: N, cityId: M, kind: 'member' },
  { networkId: N2, cityId: O, kind: 'member' },
]

const grant = (role: Grant['role'], space: SpaceRef): Grant => ({
  role,
  networkId: space.type === 'network' ? space.id : null,
  cityId: space.type === 'city' ? space.id : null,
  expertKind: role === 'expert' ? 'international' : null,
})
// As server/data/grants.ts loadActor does: memberships of one's cities and of the networks one runs.
let nextUser = 0
const actor = (...grants: Grant[]): Actor => ({
  userId: `user-${++nextUser}`,
  grants,
  memberships: MEMBERSHIPS.filter(
    (m) => grants.some((g) => g.cityId === m.cityId) || grants.some((g) => g.role === 'secretariat' && g.networkId === m.networkId),
  ),
  workshops: [],
})

const net = (id: string): SpaceRef => ({ type: 'network', id })
const city = (id: string): SpaceRef => ({ type: 'city', id })

const PEOPLE = {
  secretariat: actor(grant('secretariat', net(N))),
  pilotTeam: actor(grant('city_team', city(P))),
  memberTeam: actor(grant('city_team', city(M))),
  networkExpert: actor(grant('expert', net(N))),
  cityExpert: actor(grant('expert', city(M))),
  advisory: actor(grant('advisory', net(N))),
  funder: actor(grant('funder', net(N))),
  otherSecretariat: actor(grant('secretariat', net(N2))),
  otherCityTeam: actor(grant('city_team', city(O))),
  nobody: actor(),
}
type Person = keyof typeof PEOPLE

const MATRIX: Record<string, Record<Person, string>> = {
  'network N documents': {
    secretariat: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y . Y .',
    pilotTeam: 'Y Y Y Y . Y Y Y . . . . Y . . . . Y .',
    memberTeam: 'Y Y Y . . . . . . . . . . . . . . . .',
    networkExpert: 'Y Y Y . . . . . . . . . . . . . . . .',
    cityExpert: '. . . . . . . . . . . . . . . . . . .',
    advisory: 'Y Y Y . . . . . . . . . . . . . . . .',
    funder: 'Y . . . . . . . . . . . . . . Y . . .',
    otherSecretariat: '. . . . . . . . . . . . . . . . . . .',
    otherCityTeam: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
  'pilot city P space': {
    secretariat: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y . Y . Y',
    pilotTeam: 'Y Y Y Y . Y Y Y Y Y . . Y . . . Y . Y',
    memberTeam: '. . . . . . . . . . . . . . . . . . .',
    networkExpert: '. . . . . . . . . . . . . . . . . . .',
    cityExpert: '. . . . . . . . . . . . . . . . . . .',
    advisory: '. . . . . . . . . . . . . . . . . . .',
    funder: '. . . . . . . . . . . . . . . . . . .',
    otherSecretariat: '. . . . . . . . . . . . . . . . . . .',
    otherCityTeam: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
  'member city M space': {
    secretariat: 'Y Y Y Y Y Y Y Y Y Y Y Y Y Y Y . Y . Y',
    pilotTeam: '. . . . . . . . . . . . . . . . . . .',
    memberTeam: 'Y Y Y Y . Y Y Y Y Y . . Y . . . Y . Y',
    networkExpert: '. . . . . . . . . . . . . . . . . . .',
    cityExpert: 'Y Y Y Y . Y . . . . . . . . . . . . Y',
    advisory: '. . . . . . . . . . . . . . . . . . .',
    funder: '. . . . . . . . . . . . . . . . . . .',
    otherSecretariat: '. . . . . . . . . . . . . . . . . . .',
    otherCityTeam: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
}
const SPACES: Record<string, SpaceRef> = {
  'network N documents': net(N),
  'pilot city P space': city(P),
  'member city M space': city(M),
}

describe('the permission matrix', () => {
  it('covers every action the policy knows', () => {
    expect([...COLUMNS].sort()).toEqual([...ACTIONS].sort())
  })

  for (const [spaceName, rows] of Object.entries(MATRIX)) {
    for (const [person, row] of Object.entries(rows) as [Person, string][]) {
      it(`${person} in ${spaceName}: ${row}`, () => {
        const got = COLUMNS.map((a) => (can(PEOPLE[person], a, SPACES[spaceName]!) ? 'Y' : '.')).join(' ')
        expect(got).toBe(row)
      })
    }
  }

  it('a member of city A cannot read city B’s private space, even in the same network', () => {
    expect(can(PEOPLE.memberTeam, 'read', city(P))).toBe(false)
    expect(can(PEOPLE.pilotTeam, 'read', city(M))).toBe(false)
    expect(readableSpaces(PEOPLE.memberTeam)).toEqual({ networkIds: [N], cityIds: [M] })
  })

  it('a city that leaves the network takes its team’s network rights with it', () => {
    const left: Actor = { ...PEOPLE.memberTeam, memberships: [] }
    expect(can(left, 'read', net(N))).toBe(false)
    expect(can(left, 'write', city(M))).toBe(true)
  })

  it('one person can hold different roles in different networks', () => {
    const both = actor(grant('secretariat', net(N2)), grant('city_team', city(M)))
    expect(accessLevel(both, net(N))).toBe('suggest')
    expect(can(both, 'manage_members', net(N2))).toBe(true)
    expect(can(both, 'manage_members', net(N))).toBe(false)
  })

  it('gives live connections the level the rules give', () => {
    expect(accessLevel(PEOPLE.pilotTeam, net(N))).toBe('write')
    expect(accessLevel(PEOPLE.networkExpert, net(N))).toBe('suggest')
    expect(accessLevel(PEOPLE.funder, net(N))).toBe('read')
    expect(accessLevel(PEOPLE.funder, city(P))).toBe('none')
    expect(accessLevel(null, net(N))).toBe('none')
  })
})

/**
 * Document states, written out by hand like the matrix above: what each person may do with a
 * document that is live, then once it is archived (only reading stays; actions about the space —
 * creating documents, people — are the space's business, not the document's).
 */
const STATE_MATRIX: Record<string, Record<Person, string>> = {
  'archived network N document': {
    secretariat: 'Y . . . . . Y . . Y Y . . . . Y . Y .',
    pilotTeam: 'Y . . . . . Y . . . . . . . . . . Y .',
    memberTeam: 'Y . . . . . . . . . . . . . . . . . .',
    networkExpert: 'Y . . . . . . . . . . . . . . . . . .',
    cityExpert: '. . . . . . . . . . . . . . . . . . .',
    advisory: 'Y . . . . . . . . . . . . . . . . . .',
    funder: 'Y . . . . . . . . . . . . . . Y . . .',
    otherSecretariat: '. . . . . . . . . . . . . . . . . . .',
    otherCityTeam: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
  'archived member city M document': {
    secretariat: 'Y . . . . . Y . . Y Y . . . . . Y . Y',
    pilotTeam: '. . . . . . . . . . . . . . . . . . .',
    memberTeam: 'Y . . . . . Y . . Y . . . . . . Y . Y',
    networkExpert: '. . . . . . . . . . . . . . . . . . .',
    cityExpert: 'Y . . . . . . . . . . . . . . . . . Y',
    advisory: '. . . . . . . . . . . . . . . . . . .',
    funder: '. . . . . . . . . . . . . . . . . . .',
    otherSecretariat: '. . . . . . . . . . . . . . . . . . .',
    otherCityTeam: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
}
const archived = (space: SpaceRef, workshopId: string | null = null): DocumentTarget => ({ space, state: { archived: true, stage: 'draft', workshopId } })
const live = (space: SpaceRef, stage: Stage | null = null, workshopId: string | null = null): DocumentTarget => ({
  space,
  state: { archived: false, stage, workshopId },
})
const STATE_TARGETS: Record<string, DocumentTarget> = {
  'archived network N document': archived(net(N)),
  'archived member city M document': archived(city(M)),
}

describe('the permission matrix over document states', () => {
  for (const [name, rows] of Object.entries(STATE_MATRIX)) {
    for (const [person, row] of Object.entries(rows) as [Person, string][]) {
      it(`${person}, ${name}: ${row}`, () => {
        expect(COLUMNS.map((a) => (can(PEOPLE[person], a, STATE_TARGETS[name]!) ? 'Y' : '.')).join(' ')).toBe(row)
      })
    }
  }

  it('a live document follows its space’s rules exactly, but for the steps of the submission cycle', () => {
    const outsideCycle = COLUMNS.filter((a) => a !== 'submit' && a !== 'review')
    for (const person of Object.values(PEOPLE)) {
      for (const space of Object.values(SPACES)) {
        for (const stage of [null, ...STAGES]) {
          expect(outsideCycle.map((a) => can(person, a, live(space, stage)))).toEqual(outsideCycle.map((a) => can(person, a, space)))
        }
      }
    }
  })

  it('says why: the role first (403), then the state (409)', () => {
    expect(refusal(PEOPLE.pilotTeam, 'write', archived(net(N)))).toBe('archived')
    expect(refusal(PEOPLE.funder, 'write', archived(net(N)))).toBe('role')
    expect(refusal(null, 'read', archived(net(N)))).toBe('role')
    expect(refusal(PEOPLE.funder, 'read', archived(net(N)))).toBeNull()
  })

  it('live connections to an archived document read only', () => {
    expect(accessLevel(PEOPLE.pilotTeam, archived(net(N)))).toBe('read')
    expect(accessLevel(PEOPLE.networkExpert, archived(net(N)))).toBe('read')
    expect(accessLevel(PEOPLE.cityExpert, archived(net(N)))).toBe('none')
  })

  it('an archived document’s comments are read-only, even one’s own', () => {
    for (const a of ['edit', 'delete', 'resolve'] as CommentAction[]) {
      expect(commentRefusal(PEOPLE.memberTeam, a, archived(net(N)), PEOPLE.memberTeam.userId)).toBe('archived')
      // Nobody edits someone else's comment, archived or not.
      expect(commentRefusal(PEOPLE.secretariat, a, archived(net(N)), PEOPLE.memberTeam.userId)).toBe(a === 'edit' ? 'role' : 'archived')
      expect(commentRefusal(PEOPLE.funder, a, archived(net(N)), PEOPLE.funder.userId)).toBe('role')
    }
  })
})

/**
 * The submission cycle, by stage: who may submit (S) and review (R) a deliverable — and why not.
 * Written out by hand: 'S R' for a stage lists what each person may do there.
 */
const CYCLE: Record<'network N document' | 'member city M document', Record<Stage | 'outside the cycle', Partial<Record<Person, string>>>> = {
  'network N document': {
    draft: { secretariat: 'S .', pilotTeam: 'S .' },
    submitted: { secretariat: '. R' },
    returned: { secretariat: 'S .', pilotTeam: 'S .' },
    validated: { secretariat: 'S .', pilotTeam: 'S .' },
    'outside the cycle': {},
  },
  'member city M document': {
    draft: { secretariat: 'S .', memberTeam: 'S .' },
    submitted: { secretariat: '. R' },
    returned: { secretariat: 'S .', memberTeam: 'S .' },
    validated: { secretariat: 'S .', memberTeam: 'S .' },
    'outside the cycle': {},
  },
}
const CYCLE_SPACES = { 'network N document': net(N), 'member city M document': city(M) }

describe('the submission cycle: every stage × every person × submit and review', () => {
  for (const [docName, stages] of Object.entries(CYCLE) as [keyof typeof CYCLE, (typeof CYCLE)[keyof typeof CYCLE]][]) {
    for (const [stageName, rows] of Object.entries(stages)) {
      const stage = stageName === 'outside the cycle' ? null : (stageName as Stage)
      it(`${docName}, ${stageName}`, () => {
        const target = live(CYCLE_SPACES[docName], stage)
        for (const person of Object.keys(PEOPLE) as Person[]) {
          const got = `${can(PEOPLE[person], 'submit', target) ? 'S' : '.'} ${can(PEOPLE[person], 'review', target) ? 'R' : '.'}`
          expect(got, person).toBe(rows[person] ?? '. .')
        }
      })
    }
  }

  it('says why: the role first (403), then the stage (409)', () => {
    expect(refusal(PEOPLE.memberTeam, 'review', live(city(M), 'submitted'))).toBe('role')
    expect(refusal(PEOPLE.funder, 'submit', live(net(N), 'draft'))).toBe('role')
    expect(refusal(PEOPLE.cityExpert, 'submit', live(city(M), 'draft'))).toBe('role')
    expect(refusal(PEOPLE.secretariat, 'review', live(net(N), 'draft'))).toBe('stage')
    expect(refusal(PEOPLE.memberTeam, 'submit', live(city(M), 'submitted'))).toBe('stage')
    expect(refusal(PEOPLE.memberTeam, 'submit', live(city(M), null))).toBe('stage')
    expect(refusal(PEOPLE.secretariat, 'review', archived(net(N)))).toBe('archived')
  })

  it('due dates are the secretariat’s, on any live document, in any stage', () => {
    for (const stage of [null, ...STAGES]) {
      expect(can(PEOPLE.secretariat, 'set_due_date', live(city(M), stage))).toBe(true)
      expect(can(PEOPLE.memberTeam, 'set_due_date', live(city(M), stage))).toBe(false)
      expect(can(PEOPLE.funder, 'set_due_date', live(net(N), stage))).toBe(false)
    }
  })
})

/**
 * Settling suggestions, written out by hand: whether each person may accept someone else's,
 * reject someone else's, accept their own, withdraw (reject) their own — on a live document, then
 * an archived one (nothing changes there).
 */
const SETTLE_COLUMNS = ['accept another’s', 'reject another’s', 'accept own', 'withdraw own'] as const
const SETTLE_MATRIX: Record<string, Record<Person, string>> = {
  'network N document': {
    secretariat: 'Y Y Y Y',
    pilotTeam: 'Y Y Y Y',
    memberTeam: '. . . Y',
    networkExpert: '. . . Y',
    cityExpert: '. . . .',
    advisory: '. . . Y',
    funder: '. . . .',
    otherSecretariat: '. . . .',
    otherCityTeam: '. . . .',
    nobody: '. . . .',
  },
  'member city M document': {
    secretariat: 'Y Y Y Y',
    pilotTeam: '. . . .',
    memberTeam: 'Y Y Y Y',
    networkExpert: '. . . .',
    cityExpert: 'Y Y Y Y',
    advisory: '. . . .',
    funder: '. . . .',
    otherSecretariat: '. . . .',
    otherCityTeam: '. . . .',
    nobody: '. . . .',
  },
}
const SETTLE_TARGETS: Record<string, DocumentTarget> = { 'network N document': live(net(N), 'draft'), 'member city M document': live(city(M), 'draft') }

describe('settling suggestions: who accepts, rejects, withdraws', () => {
  for (const [name, rows] of Object.entries(SETTLE_MATRIX)) {
    for (const [person, row] of Object.entries(rows) as [Person, string][]) {
      it(`${person}, ${name}: ${row}`, () => {
        const a = PEOPLE[person]
        const target = SETTLE_TARGETS[name]!
        const got = [
          canSettleSuggestion(a, 'accept', target, 'someone-else'),
          canSettleSuggestion(a, 'reject', target, 'someone-else'),
          canSettleSuggestion(a, 'accept', target, a.userId),
          canSettleSuggestion(a, 'reject', target, a.userId),
        ]
        expect(got.map((y) => (y ? 'Y' : '.')).join(' '), SETTLE_COLUMNS.join(' | ')).toBe(row)
      })
    }
  }

  it('an archived document’s suggestions stay as they are, for everyone (409 for those who could)', () => {
    for (const person of Object.values(PEOPLE)) {
      for (const decision of ['accept', 'reject'] as const) {
        for (const authorId of ['someone-else', person.userId, null]) {
          expect(canSettleSuggestion(person, decision, archived(net(N)), authorId)).toBe(false)
        }
      }
    }
    expect(suggestionRefusal(PEOPLE.pilotTeam, 'accept', archived(net(N)), 'someone-else')).toBe('archived')
    expect(suggestionRefusal(PEOPLE.networkExpert, 'reject', archived(net(N)), PEOPLE.networkExpert.userId)).toBe('archived')
    expect(suggestionRefusal(PEOPLE.funder, 'reject', archived(net(N)), PEOPLE.funder.userId)).toBe('role')
  })

  it('says why: a suggester accepting (even their own) or rejecting another’s is refused for their role (403)', () => {
    const target = live(net(N), 'draft')
    expect(suggestionRefusal(PEOPLE.networkExpert, 'accept', target, PEOPLE.networkExpert.userId)).toBe('role')
    expect(suggestionRefusal(PEOPLE.networkExpert, 'reject', target, 'someone-else')).toBe('role')
    expect(suggestionRefusal(PEOPLE.funder, 'reject', target, PEOPLE.funder.userId)).toBe('role')
    expect(suggestionRefusal(null, 'reject', target, null)).toBe('role')
    // A suggestion whose author is not known is the writers' alone.
    expect(suggestionRefusal(PEOPLE.memberTeam, 'reject', target, null)).toBe('role')
  })

  it('during a workshop, those taking part withdraw their own and settle others’ as the writers they are there', () => {
    const target = live(net(N), 'draft', W)
    const guest = takingPart(actor(), W)
    expect(canSettleSuggestion(guest, 'accept', target, 'someone-else')).toBe(true)
    expect(canSettleSuggestion(takingPart(actor(), W2), 'reject', target, 'someone-else')).toBe(false)
  })
})

describe('a version’s own state: renaming or deleting it (after the document’s rules)', () => {
  const cases: [VersionState, ReturnType<typeof versionChangeRefusal>][] = [
    [{ kind: 'named', locked: false, submitted: false }, null],
    [{ kind: 'named', locked: true, submitted: false }, 'locked'],
    [{ kind: 'named', locked: false, submitted: true }, 'submitted'],
    [{ kind: 'named', locked: true, submitted: true }, 'locked'],
    [{ kind: 'automatic', locked: false, submitted: false }, 'kept_by_history'],
    [{ kind: 'restore', locked: false, submitted: false }, 'kept_by_history'],
    // A locked version says "locked" first, whatever its kind: that is the reason a person can act on.
    [{ kind: 'automatic', locked: true, submitted: false }, 'locked'],
  ]
  it.each(cases)('%o: %s', (version, expected) => {
    expect(versionChangeRefusal(version)).toBe(expected)
  })
})

describe('starting a network', () => {
  it('is for those who run one already', () => {
    expect(canCreateNetwork(PEOPLE.secretariat)).toBe(true)
    expect(canCreateNetwork(PEOPLE.otherSecretariat)).toBe(true)
    for (const person of ['pilotTeam', 'memberTeam', 'networkExpert', 'cityExpert', 'advisory', 'funder', 'nobody'] as Person[]) {
      expect(canCreateNetwork(PEOPLE[person])).toBe(false)
    }
    expect(canCreateNetwork(null)).toBe(false)
  })
})

describe('who may grant which role', () => {
  const cases: [Person, Grant['role'], SpaceRef, boolean][] = [
    ['secretariat', 'secretariat', net(N), true],
    ['secretariat', 'expert', net(N), true],
    ['secretariat', 'funder', net(N), true],
    ['secretariat', 'city_team', city(M), true],
    ['secretariat', 'expert', city(M), true],
    ['secretariat', 'city_team', city(O), false],
    ['memberTeam', 'city_team', city(M), true],
    ['memberTeam', 'expert', city(M), false],
    ['memberTeam', 'city_team', city(P), false],
    ['memberTeam', 'expert', net(N), false],
    ['pilotTeam', 'secretariat', net(N), false],
    ['pilotTeam', 'advisory', net(N), false],
    ['funder', 'funder', net(N), false],
    ['otherSecretariat', 'expert', net(N), false],
  ]
  for (const [person, role, space, expected] of cases) {
    it(`${person} ${expected ? 'may' : 'may not'} grant ${role} on ${space.type} ${space.id}`, () => {
      expect(canGrant(PEOPLE[person], role, space)).toBe(expected)
    })
  }
})

describe('the roles an invitation form offers', () => {
  it('a secretariat offers network roles on its network, city roles on its cities, nothing elsewhere', () => {
    expect(grantableRoles(PEOPLE.secretariat, net(N))).toEqual(['secretariat', 'expert', 'advisory', 'funder'])
    expect(grantableRoles(PEOPLE.secretariat, city(M))).toEqual(['city_team', 'expert'])
    expect(grantableRoles(PEOPLE.secretariat, city(O))).toEqual([])
  })
  it('a city team may only bring in its own colleagues', () => {
    expect(grantableRoles(PEOPLE.memberTeam, city(M))).toEqual(['city_team'])
    expect(grantableRoles(PEOPLE.memberTeam, net(N))).toEqual([])
    expect(grantableRoles(PEOPLE.funder, net(N))).toEqual([])
  })
})

describe('password-reset links', () => {
  it('a secretariat may reset people of its networks, and only them', () => {
    expect(canResetPassword(PEOPLE.secretariat, PEOPLE.memberTeam)).toBe(true)
    expect(canResetPassword(PEOPLE.secretariat, PEOPLE.funder)).toBe(true)
    expect(canResetPassword(PEOPLE.secretariat, PEOPLE.otherCityTeam)).toBe(false)
    expect(canResetPassword(PEOPLE.otherSecretariat, PEOPLE.pilotTeam)).toBe(false)
    expect(canResetPassword(PEOPLE.pilotTeam, PEOPLE.memberTeam)).toBe(false)
  })
  it('not one’s own password (that is what signing in is for)', () => {
    expect(canResetPassword(PEOPLE.secretariat, PEOPLE.secretariat)).toBe(false)
  })
})

describe('comments: what one may do with a comment or thread, by whose it is', () => {
  // Columns: edit, delete, resolve — on one's own, then on someone else's. In network N.
  const OWN_THEN_OTHERS: Record<Person, string> = {
    secretariat: 'Y Y Y  . Y Y',
    pilotTeam: 'Y Y Y  . . Y',
    memberTeam: 'Y Y Y  . . .',
    networkExpert: 'Y Y Y  . . .',
    cityExpert: '. . .  . . .',
    advisory: 'Y Y Y  . . .',
    funder: '. . .  . . .',
    otherSecretariat: '. . .  . . .',
    otherCityTeam: '. . .  . . .',
    nobody: '. . .  . . .',
  }
  const ACTS: CommentAction[] = ['edit', 'delete', 'resolve']
  for (const [person, row] of Object.entries(OWN_THEN_OTHERS) as [Person, string][]) {
    it(`${person}: ${row}`, () => {
      const me = PEOPLE[person]
      const own = ACTS.map((a) => (canOnComment(me, a, net(N), me.userId) ? 'Y' : '.')).join(' ')
      const others = ACTS.map((a) =>
        canOnComment(me, a, net(N), PEOPLE.memberTeam.userId === me.userId ? PEOPLE.advisory.userId : PEOPLE.memberTeam.userId) ? 'Y' : '.',
      ).join(' ')
      expect(`${own}  ${others}`).toBe(row)
    })
  }

  it('in a city space, the city’s writers resolve any thread; only the secretariat deletes others’ comments', () => {
    expect(canOnComment(PEOPLE.cityExpert, 'resolve', city(M), PEOPLE.memberTeam.userId)).toBe(true)
    expect(canOnComment(PEOPLE.memberTeam, 'delete', city(M), PEOPLE.cityExpert.userId)).toBe(false)
    expect(canOnComment(PEOPLE.secretariat, 'delete', city(M), PEOPLE.memberTeam.userId)).toBe(true)
  })

  it('someone who lost the right to comment keeps nothing, not even their own', () => {
    const left: Actor = { ...PEOPLE.memberTeam, memberships: [] }
    for (const a of ACTS) expect(canOnComment(left, a, net(N), left.userId)).toBe(false)
    expect(canOnComment(null, 'edit', net(N), null)).toBe(false)
  })
})

describe('giving a role to someone who already has an account (POST /api/grants)', () => {
  // null: allowed; otherwise why not. A city team may invite colleagues, not promote accounts.
  const cases: [Person, Grant['role'], SpaceRef, ReturnType<typeof assignRefusal>][] = [
    ['secretariat', 'city_team', city(P), null],
    ['secretariat', 'funder', net(N), null],
    ['secretariat', 'expert', city(M), null],
    ['pilotTeam', 'city_team', city(P), 'needs_secretariat'],
    ['memberTeam', 'city_team', city(M), 'needs_secretariat'],
    ['memberTeam', 'city_team', city(P), 'not_allowed'],
    ['pilotTeam', 'expert', net(N), 'not_allowed'],
    ['networkExpert', 'expert', net(N), 'not_allowed'],
    ['cityExpert', 'city_team', city(M), 'not_allowed'],
    ['advisory', 'advisory', net(N), 'not_allowed'],
    ['funder', 'funder', net(N), 'not_allowed'],
    ['otherSecretariat', 'city_team', city(P), 'not_allowed'],
    ['nobody', 'funder', net(N), 'not_allowed'],
  ]
  for (const [person, role, space, expected] of cases) {
    it(`${person} giving ${role} on ${space.type} ${space.id}: ${expected ?? 'allowed'}`, () => {
      expect(assignRefusal(PEOPLE[person], role, space)).toBe(expected)
    })
  }
  it('the roles a "give a role" form offers: the secretariat’s, nobody else’s', () => {
    expect(assignableRoles(PEOPLE.secretariat, city(P))).toEqual(['city_team', 'expert'])
    expect(assignableRoles(PEOPLE.pilotTeam, city(P))).toEqual([])
    expect(assignableRoles(null, net(N))).toEqual([])
  })
})

describe('who may take a role from whom (an invitation accepted by an existing account)', () => {
  const teamOfP = { role: 'city_team' as const, space: city(P), networkIds: [N] }
  // The pilot city's team gives its role: only to people who hold nothing in network N yet.
  const fromPilotTeam: [Person, boolean][] = [
    ['funder', false],
    ['networkExpert', false],
    ['advisory', false],
    ['memberTeam', false],
    ['secretariat', false],
    ['pilotTeam', true],
    ['cityExpert', true],
    ['otherCityTeam', true],
    ['otherSecretariat', true],
    ['nobody', true],
  ]
  for (const [taker, expected] of fromPilotTeam) {
    it(`the pilot team ${expected ? 'may' : 'may not'} give its role to ${taker}`, () => {
      expect(canGiveTo(PEOPLE.pilotTeam, teamOfP, PEOPLE[taker])).toBe(expected)
    })
  }
  it('the network’s secretariat may give it to anyone', () => {
    for (const taker of Object.values(PEOPLE)) expect(canGiveTo(PEOPLE.secretariat, teamOfP, taker)).toBe(true)
  })
  it('raising someone’s rights in a network takes that network’s secretariat, not another’s', () => {
    // City O, were it in both networks: N2's secretariat cannot make N's funder a city team of N.
    const shared = { role: 'city_team' as const, space: city(O), networkIds: [N2, N] }
    expect(canGiveTo(PEOPLE.otherSecretariat, shared, PEOPLE.funder)).toBe(false)
    expect(canGiveTo(PEOPLE.otherSecretariat, shared, PEOPLE.nobody)).toBe(true)
    expect(canGiveTo(PEOPLE.secretariat, shared, PEOPLE.funder)).toBe(true)
    expect(canGiveTo(PEOPLE.secretariat, shared, actor(grant('funder', net(N2))))).toBe(false)
  })
  it('a giver who is gone gives nothing to someone with roles', () => {
    expect(canGiveTo(null, teamOfP, PEOPLE.funder)).toBe(false)
    expect(canGiveTo(null, teamOfP, PEOPLE.nobody)).toBe(true)
  })
})

describe('taking a role back', () => {
  const colleague = actor(grant('city_team', city(P)))
  const held = (over: Partial<HeldRole> = {}): HeldRole => ({ role: 'city_team', space: city(P), grantedBy: PEOPLE.pilotTeam, holders: 3, ...over })
  const cases: [string, Person, HeldRole, ReturnType<typeof revokeRefusal>][] = [
    ['a colleague the team brought in', 'pilotTeam', held(), null],
    ['a colleague brought in by a former team member', 'pilotTeam', held({ grantedBy: actor() }), null],
    ['a colleague the secretariat gave the role', 'pilotTeam', held({ grantedBy: PEOPLE.secretariat }), 'given_by_secretariat'],
    ['a role of unknown origin', 'pilotTeam', held({ grantedBy: null }), 'given_by_secretariat'],
    ['the city’s last team member', 'pilotTeam', held({ grantedBy: colleague, holders: 1 }), 'last_of_team'],
    ['another city’s team member', 'memberTeam', held(), 'not_allowed'],
    ['the funder’s role', 'pilotTeam', held({ role: 'funder', space: net(N) }), 'not_allowed'],
    ['a team member, for a funder', 'funder', held(), 'not_allowed'],
    ['a team member, for an expert', 'networkExpert', held(), 'not_allowed'],
    ['a team member, for a city expert', 'cityExpert', held({ space: city(M) }), 'not_allowed'],
    ['a team member, for an adviser', 'advisory', held(), 'not_allowed'],
    ['a team member, for nobody', 'nobody', held(), 'not_allowed'],
    ['a team member, for another network’s secretariat', 'otherSecretariat', held(), 'not_allowed'],
    ['the last team member, for the secretariat', 'secretariat', held({ grantedBy: null, holders: 1 }), null],
    ['the funder’s role, for the secretariat', 'secretariat', held({ role: 'funder', space: net(N), grantedBy: null }), null],
    ['a city role elsewhere, for the secretariat', 'secretariat', held({ space: city(O) }), 'not_allowed'],
    [
      'the network’s last secretariat, for the secretariat itself',
      'secretariat',
      held({ role: 'secretariat', space: net(N), grantedBy: null, holders: 1 }),
      'last_secretariat',
    ],
    ['one of two secretariats, for the secretariat', 'secretariat', held({ role: 'secretariat', space: net(N), grantedBy: null, holders: 2 }), null],
    ['the network’s last secretariat, for a city team', 'pilotTeam', held({ role: 'secretariat', space: net(N), grantedBy: null, holders: 1 }), 'not_allowed'],
  ]
  for (const [what, person, role, expected] of cases) {
    it(`${what}: ${expected ?? 'allowed'}`, () => {
      expect(revokeRefusal(PEOPLE[person], role)).toBe(expected)
    })
  }
  it('an anonymous caller takes nothing back', () => {
    expect(revokeRefusal(null, held())).toBe('not_allowed')
  })
})

describe('who sees an e-mail address', () => {
  // Aminata (pilot team) listed on city P, and the funder listed on network N, as each viewer sees them.
  const VIEWERS: Record<Person, string> = {
    secretariat: 'Y Y',
    pilotTeam: 'Y .',
    memberTeam: '. .',
    networkExpert: '. .',
    cityExpert: '. .',
    advisory: '. .',
    funder: '. Y',
    otherSecretariat: '. .',
    otherCityTeam: '. .',
    nobody: '. .',
  }
  for (const [viewer, row] of Object.entries(VIEWERS) as [Person, string][]) {
    it(`${viewer}: ${row}`, () => {
      const got = [canSeeEmail(PEOPLE[viewer], PEOPLE.pilotTeam.userId, city(P)), canSeeEmail(PEOPLE[viewer], PEOPLE.funder.userId, net(N))]
        .map((y) => (y ? 'Y' : '.'))
        .join(' ')
      expect(got).toBe(row)
    })
  }
  it('nobody signed out sees one', () => {
    expect(canSeeEmail(null, PEOPLE.funder.userId, net(N))).toBe(false)
  })
})

/**
 * A workshop's documents (its agenda and deliverables, in network N): those taking part co-write
 * them whatever their role in the network — a member city's team, an expert, a funder, a guest
 * with no role at all — and do nothing more there. Written out by hand like the matrix above, for
 * a deliverable in draft of workshop W.
 */
const W = 'workshop-w',
  W2 = 'workshop-w2'
const takingPart = (a: Actor, ...workshops: string[]): Actor => ({ ...a, userId: `${a.userId}-in-${workshops.join('-')}`, workshops })
const PARTICIPANTS = {
  secretariat: PEOPLE.secretariat,
  pilotTeam: PEOPLE.pilotTeam,
  memberTeam: PEOPLE.memberTeam,
  memberTeamTakingPart: takingPart(PEOPLE.memberTeam, W),
  expertTakingPart: takingPart(PEOPLE.networkExpert, W),
  funderTakingPart: takingPart(PEOPLE.funder, W),
  otherCityTeamTakingPart: takingPart(PEOPLE.otherCityTeam, W),
  guest: takingPart(actor(), W),
  guestOfAnotherWorkshop: takingPart(actor(), W2),
  nobody: PEOPLE.nobody,
}
type Participant = keyof typeof PARTICIPANTS

const WORKSHOP_MATRIX: Record<string, Record<Participant, string>> = {
  'workshop W deliverable': {
    secretariat: 'Y Y Y Y Y Y Y Y Y Y Y Y Y . Y Y . Y .',
    pilotTeam: 'Y Y Y Y . Y Y Y . . . . Y . . . . Y .',
    memberTeam: 'Y Y Y . . . . . . . . . . . . . . . .',
    memberTeamTakingPart: 'Y Y Y . . Y . . . . . . . . . . . . .',
    expertTakingPart: 'Y Y Y . . Y . . . . . . . . . . . . .',
    funderTakingPart: 'Y Y Y . . Y . . . . . . . . . Y . . .',
    otherCityTeamTakingPart: 'Y Y Y . . Y . . . . . . . . . . . . .',
    guest: 'Y Y Y . . Y . . . . . . . . . . . . .',
    guestOfAnotherWorkshop: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
  'archived workshop W deliverable': {
    secretariat: 'Y . . . . . Y . . Y Y . . . . Y . Y .',
    pilotTeam: 'Y . . . . . Y . . . . . . . . . . Y .',
    memberTeam: 'Y . . . . . . . . . . . . . . . . . .',
    memberTeamTakingPart: 'Y . . . . . . . . . . . . . . . . . .',
    expertTakingPart: 'Y . . . . . . . . . . . . . . . . . .',
    funderTakingPart: 'Y . . . . . . . . . . . . . . Y . . .',
    otherCityTeamTakingPart: 'Y . . . . . . . . . . . . . . . . . .',
    guest: 'Y . . . . . . . . . . . . . . . . . .',
    guestOfAnotherWorkshop: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
  // Taking part opens the workshop's documents, not the network's others.
  'network N document outside the workshop': {
    secretariat: 'Y Y Y Y Y Y Y Y Y Y Y Y Y . Y Y . Y .',
    pilotTeam: 'Y Y Y Y . Y Y Y . . . . Y . . . . Y .',
    memberTeam: 'Y Y Y . . . . . . . . . . . . . . . .',
    memberTeamTakingPart: 'Y Y Y . . . . . . . . . . . . . . . .',
    expertTakingPart: 'Y Y Y . . . . . . . . . . . . . . . .',
    funderTakingPart: 'Y . . . . . . . . . . . . . . Y . . .',
    otherCityTeamTakingPart: '. . . . . . . . . . . . . . . . . . .',
    guest: '. . . . . . . . . . . . . . . . . . .',
    guestOfAnotherWorkshop: '. . . . . . . . . . . . . . . . . . .',
    nobody: '. . . . . . . . . . . . . . . . . . .',
  },
}
const WORKSHOP_TARGETS: Record<string, DocumentTarget> = {
  'workshop W deliverable': live(net(N), 'draft', W),
  'archived workshop W deliverable': archived(net(N), W),
  'network N document outside the workshop': live(net(N), 'draft'),
}

describe('the permission matrix over a workshop’s documents', () => {
  for (const [name, rows] of Object.entries(WORKSHOP_MATRIX)) {
    for (const [person, row] of Object.entries(rows) as [Participant, string][]) {
      it(`${person}, ${name}: ${row}`, () => {
        expect(COLUMNS.map((a) => (can(PARTICIPANTS[person], a, WORKSHOP_TARGETS[name]!) ? 'Y' : '.')).join(' ')).toBe(row)
      })
    }
  }

  it('taking part gives nothing on the network itself: a guest cannot read it nor create a document there', () => {
    for (const person of Object.values(PARTICIPANTS)) {
      const without = { ...person, workshops: [] }
      expect(COLUMNS.map((a) => can(person, a, net(N)))).toEqual(COLUMNS.map((a) => can(without, a, net(N))))
    }
    expect(readableSpaces(PARTICIPANTS.guest)).toEqual({ networkIds: [], cityIds: [] })
  })

  it('live connections: those taking part write, and read only once it is archived', () => {
    expect(accessLevel(PARTICIPANTS.guest, live(net(N), 'draft', W))).toBe('write')
    expect(accessLevel(PARTICIPANTS.memberTeamTakingPart, live(net(N), null, W))).toBe('write')
    expect(accessLevel(PARTICIPANTS.memberTeam, live(net(N), null, W))).toBe('suggest')
    expect(accessLevel(PARTICIPANTS.guest, archived(net(N), W))).toBe('read')
    expect(accessLevel(PARTICIPANTS.guestOfAnotherWorkshop, live(net(N), null, W))).toBe('none')
    expect(accessLevel(null, live(net(N), null, W))).toBe('none')
  })

  it('says why a participant is refused: renaming or submitting is not theirs (403), an archived document is closed (409)', () => {
    expect(refusal(PARTICIPANTS.guest, 'rename_document', live(net(N), 'draft', W))).toBe('role')
    expect(refusal(PARTICIPANTS.memberTeamTakingPart, 'submit', live(net(N), 'draft', W))).toBe('role')
    expect(refusal(PARTICIPANTS.guest, 'write', archived(net(N), W))).toBe('archived')
  })

  it('a guest keeps their own comments and resolves their own threads, not others’', () => {
    const target = live(net(N), 'draft', W)
    const guest = PARTICIPANTS.guest
    for (const a of ['edit', 'delete', 'resolve'] as CommentAction[]) {
      expect(canOnComment(guest, a, target, guest.userId)).toBe(true)
      expect(canOnComment(guest, a, target, PEOPLE.memberTeam.userId)).toBe(false)
    }
  })

  it('the workshop itself is seen by the network’s readers and by those taking part, a guest seeing only theirs', () => {
    const workshop = { id: W, networkId: N }
    const SEES: Record<Participant, boolean> = {
      secretariat: true,
      pilotTeam: true,
      memberTeam: true,
      memberTeamTakingPart: true,
      expertTakingPart: true,
      funderTakingPart: true,
      otherCityTeamTakingPart: true,
      guest: true,
      guestOfAnotherWorkshop: false,
      nobody: false,
    }
    for (const [person, sees] of Object.entries(SEES) as [Participant, boolean][]) expect(canSeeWorkshop(PARTICIPANTS[person], workshop), person).toBe(sees)
    expect(canSeeWorkshop(PEOPLE.otherSecretariat, workshop)).toBe(false)
    expect(canSeeWorkshop(null, workshop)).toBe(false)
  })
})

/**
 * The good-practices observatory, written out by hand: browsing, searching and commenting; publishing
 * network N's sheet, pilot city P's plan, workshop W's deliverable; editing (or deleting,
 * republishing) a practice of N someone else published; featuring or unpublishing one; editing
 * one's own practice in N.
 */
const PRACTICE_COLUMNS = ['browse', 'publish N', 'publish P', 'publish W', 'edit another’s', 'moderate', 'edit own'] as const
const LIBRARY_PEOPLE = {
  ...PEOPLE,
  memberTeamTakingPart: takingPart(PEOPLE.memberTeam, W),
  expertTakingPart: takingPart(PEOPLE.networkExpert, W),
  guest: takingPart(actor(), W),
}
const PRACTICE_MATRIX: Record<keyof typeof LIBRARY_PEOPLE, string> = {
  secretariat: 'Y Y Y Y Y Y Y',
  pilotTeam: 'Y Y Y Y . . Y',
  memberTeam: 'Y . . . . . Y',
  networkExpert: 'Y . . . . . Y',
  cityExpert: 'Y . . . . . Y',
  advisory: 'Y . . . . . Y',
  funder: 'Y . . . . . Y',
  otherSecretariat: 'Y . . . . . Y',
  otherCityTeam: 'Y . . . . . Y',
  // Taking part lets one co-write a workshop's deliverables, not publish them: that takes a writer's role.
  memberTeamTakingPart: 'Y . . . . . Y',
  expertTakingPart: 'Y . . . . . Y',
  // A guest writes the workshop's deliverables but holds no role: the library is the networks' own.
  guest: '. . . . . . .',
  nobody: '. . . . . . .',
}

describe('the good-practices observatory', () => {
  for (const [person, row] of Object.entries(PRACTICE_MATRIX) as [keyof typeof LIBRARY_PEOPLE, string][]) {
    it(`${person}: ${row}`, () => {
      const a = LIBRARY_PEOPLE[person]
      const byOther = { networkId: N, publishedBy: 'someone-else' }
      const got = [
        canBrowsePractices(a),
        canPublishPractice(a, live(net(N), 'draft')),
        canPublishPractice(a, live(city(P), 'draft')),
        canPublishPractice(a, live(net(N), 'draft', W)),
        canEditPractice(a, byOther),
        canModeratePractice(a, byOther),
        canEditPractice(a, { networkId: N, publishedBy: a.userId }),
      ]
      expect(got.map((y) => (y ? 'Y' : '.')).join(' '), PRACTICE_COLUMNS.join(' | ')).toBe(row)
    })
  }

  it('an archived source is not published, even by its writers', () => {
    expect(canPublishPractice(PEOPLE.secretariat, archived(net(N)))).toBe(false)
  })

  it('the publisher who lost every role keeps nothing; another network’s secretariat moderates nothing here', () => {
    const gone = actor()
    expect(canEditPractice(gone, { networkId: N, publishedBy: gone.userId })).toBe(false)
    expect(canModeratePractice(PEOPLE.otherSecretariat, { networkId: N, publishedBy: null })).toBe(false)
    expect(canBrowsePractices(null)).toBe(false)
  })
})
