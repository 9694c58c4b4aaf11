import { GRANT_ROLES, type Actor, type Grant, type GrantRole, type SpaceRef, type SpaceRole, type Stage } from './domain'

/**
 * Who may do what. This is the only place that decides; the REST routes, the WebSocket
 * upgrade, open sockets and the UI all ask `can`. Read a line as: "in a <space> space, <action>
 * is allowed to <roles>". Documents take the rules of the space they live in, then their state
 * (see DocumentState) may take actions away.
 */
export const ACTIONS = [
  'read',
  'comment',
  /** Propose changes in the text (suggested insertions and deletions) that writers accept or reject. */
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
  /** Send a deliverable to the secretariat for review (it becomes V1, V2…). */
  'submit',
  /** Return a submission with remarks, or validate it. */
  'review',
  'set_due_date',
  /** Where each city stands in the cycle, without reading their private documents: stages, dates, counts. */
  'view_dashboard',
  /** Tick a city's onboarding checklist in a network (asked of the city's space). */
  'tick_onboarding',
  /** Create and change the network's workshops (with the pilot city, which hosts them). */
  'organise_workshop',
  /** Update a city's City WORKS tracker: its steps' status, lead, dates, documents, and its support activities. */
  'track_localisation',
] as const
export type Action = (typeof ACTIONS)[number]

const NETWORK_RULES: Record<Action, readonly SpaceRole[]> = {
  read: ['secretariat', 'pilot_city', 'member_city', 'expert', 'advisory', 'funder'],
  comment: ['secretariat', 'pilot_city', 'member_city', 'expert', 'advisory'],
  // Those who comment may propose changes too, as they would in Word; the writers decide.
  suggest: ['secretariat', 'pilot_city', 'member_city', 'expert', 'advisory'],
  resolve_comment: ['secretariat', 'pilot_city'],
  delete_comment: ['secretariat'],
  write: ['secretariat', 'pilot_city'],
  create_document: ['secretariat', 'pilot_city'],
  rename_document: ['secretariat', 'pilot_city'],
  archive_document: ['secretariat'],
  invite: ['secretariat'],
  manage_members: ['secretariat'],
  lock_version: ['secretariat'],
  submit: ['secretariat', 'pilot_city'],
  review: ['secretariat'],
  set_due_date: ['secretariat'],
  // The funder asks for it each quarter; it names no words of the cities' private documents.
  view_dashboard: ['secretariat', 'funder'],
  tick_onboarding: [],
  organise_workshop: ['secretariat', 'pilot_city'],
  track_localisation: [],
}

/** A city's space is private to its team, experts the city invited, and its networks' secretariats. */
const CITY_RULES: Record<Action, readonly SpaceRole[]> = {
  read: ['secretariat', 'city_team', 'expert'],
  comment: ['secretariat', 'city_team', 'expert'],
  suggest: ['secretariat', 'city_team', 'expert'],
  resolve_comment: ['secretariat', 'city_team', 'expert'],
  delete_comment: ['secretariat'],
  write: ['secretariat', 'city_team', 'expert'],
  create_document: ['secretariat', 'city_team'],
  rename_document: ['secretariat', 'city_team'],
  archive_document: ['secretariat', 'city_team'],
  invite: ['secretariat', 'city_team'],
  manage_members: ['secretariat'],
  lock_version: ['secretariat'],
  // The city speaks for its own plan; experts it invited help write it but do not submit it.
  submit: ['secretariat', 'city_team'],
  review: ['secretariat'],
  set_due_date: ['secretariat'],
  view_dashboard: [],
  // The secretariat and the city's own team; the funder follows the progress read-only.
  tick_onboarding: ['secretariat', 'city_team'],
  organise_workshop: [],
  // The city's localisation process: its team and the secretariat, and the experts the city
  // invited — City WORKS is written for the advisers who accompany a city through it.
  track_localisation: ['secretariat', 'city_team', 'expert'],
}

export const RULES = { network: NETWORK_RULES, city: CITY_RULES } as const

/** What a document's state says, whoever asks. */
export type DocumentState = {
  /** An archived document can still be read (and exported) by whoever could; nothing in it changes any more. */
  archived: boolean
  /** Its stage in the submission cycle; null for a kind outside it (shared/templates.ts CYCLE_KINDS). */
  stage: Stage | null
  /** The workshop whose agenda or deliverable it is; null for most documents. */
  workshopId: string | null
}

/** A document as the policy sees it: the space whose rules it takes, and its state. */
export type DocumentTarget = { space: SpaceRef; state: DocumentState }

/** What an action is asked about: a space, or a document in one. */
export type Target = SpaceRef | DocumentTarget

/** Actions on a document itself (the others concern its space: creating documents, people). */
const DOCUMENT_ACTIONS: ReadonlySet<Action> = new Set([
  'read',
  'comment',
  'suggest',
  'resolve_comment',
  'delete_comment',
  'write',
  'rename_document',
  'archive_document',
  'lock_version',
  'submit',
  'review',
  'set_due_date',
])

/**
 * The stages each step of the cycle starts from. Submitting again after a validation starts the
 * next version; a document under review is neither submitted again nor reviewed twice.
 */
const FROM_STAGES: Partial<Record<Action, readonly Stage[]>> = {
  submit: ['draft', 'returned', 'validated'],
  review: ['submitted'],
}

/** What an archived document still allows. */
const ARCHIVED_ALLOWS: ReadonlySet<Action> = new Set(['read'])

/** Why something is refused: the caller's roles, or the state of the document (the API answers 403, then 409). */
export type Refusal = 'role' | 'archived' | 'stage'

const spaceOf = (target: Target): SpaceRef => ('space' in target ? target.space : target)

/** Which roles an inviter holding a given role may hand out, per kind of space. */
export const GRANTABLE: Record<SpaceRef['type'], Partial<Record<SpaceRole, readonly GrantRole[]>>> = {
  network: { secretariat: ['secretariat', 'expert', 'advisory', 'funder'] },
  city: { secretariat: ['city_team', 'expert'], city_team: ['city_team'] },
}

/** The roles an actor holds in one space. */
export function rolesIn(actor: Actor, space: SpaceRef): Set<SpaceRole> {
  const roles = new Set<SpaceRole>()
  const teamCities = new Set(actor.grants.filter((g) => g.role === 'city_team').map((g) => g.cityId))
  if (space.type === 'network') {
    for (const g of actor.grants) {
      if (g.networkId === space.id && g.role !== 'city_team') roles.add(g.role)
    }
    for (const m of actor.memberships) {
      if (m.networkId === space.id && teamCities.has(m.cityId)) {
        roles.add(m.kind === 'pilot' ? 'pilot_city' : 'member_city')
      }
    }
  } else {
    for (const g of actor.grants) {
      if (g.cityId === space.id) roles.add(g.role)
    }
    const secretariatOf = new Set(actor.grants.filter((g) => g.role === 'secretariat').map((g) => g.networkId))
    if (actor.memberships.some((m) => m.cityId === space.id && secretariatOf.has(m.networkId))) {
      roles.add('secretariat')
    }
  }
  return roles
}

function roleAllows(actor: Actor | null, action: Action, space: SpaceRef): boolean {
  if (!actor) return false
  const allowed = RULES[space.type][action]
  for (const role of rolesIn(actor, space)) if (allowed.includes(role)) return true
  return false
}

/**
 * During a workshop, those taking part co-write its agenda and deliverables, whatever their role
 * in the network (a guest invited by link has none): they read, comment, suggest and write them, nothing
 * more — renaming, archiving and the steps of the cycle stay with the network's roles.
 */
const PARTICIPANT_ACTIONS: ReadonlySet<Action> = new Set(['read', 'comment', 'suggest', 'write'])

/** Whether the actor takes part in the workshop. */
export const takesPart = (actor: Actor | null, workshopId: string): boolean => actor?.workshops.includes(workshopId) ?? false

function participantAllows(actor: Actor | null, action: Action, target: Target): boolean {
  return 'state' in target && target.state.workshopId !== null && PARTICIPANT_ACTIONS.has(action) && takesPart(actor, target.state.workshopId)
}

/**
 * Whether the actor reads the document only because they take part in its workshop (a guest by
 * link, or a city outside the network's roles): they meet the workshop's people, not the network's.
 */
export function readsOnlyAsParticipant(actor: Actor | null, target: Target): boolean {
  return !roleAllows(actor, 'read', spaceOf(target)) && participantAllows(actor, 'read', target)
}

/** A workshop is seen by the network's readers and by those taking part (a guest sees that one workshop, not the network). */
export function canSeeWorkshop(actor: Actor | null, workshop: { id: string; networkId: string }): boolean {
  return can(actor, 'read', { type: 'network', id: workshop.networkId }) || takesPart(actor, workshop.id)
}

/** Why `actor` may not take `action` on `target`, or null if they may. Roles are asked first. */
export function refusal(actor: Actor | null, action: Action, target: Target): Refusal | null {
  if (!roleAllows(actor, action, spaceOf(target)) && !participantAllows(actor, action, target)) return 'role'
  if (!('state' in target)) return null
  if (target.state.archived && DOCUMENT_ACTIONS.has(action) && !ARCHIVED_ALLOWS.has(action)) return 'archived'
  const from = FROM_STAGES[action]
  if (from && (target.state.stage === null || !from.includes(target.state.stage))) return 'stage'
  return null
}

/** A saved version as the policy sees it: its kind, whether the secretariat locked (validated) it, and whether it was submitted. */
export type VersionState = { kind: 'named' | 'automatic' | 'restore'; locked: boolean; submitted: boolean }

/** Why a version's own state refuses a change to it: 409 `version_locked`, or 409 `conflict` (the history keeps it). */
export type VersionRefusal = 'locked' | 'submitted' | 'kept_by_history'

/**
 * Renaming or deleting a version, after the document's rules (`write`) have let the caller in:
 * only named versions, and never a locked one. Locking and restoring depend on the document alone.
 */
export function versionChangeRefusal(version: VersionState): VersionRefusal | null {
  if (version.locked) return 'locked'
  if (version.submitted) return 'submitted'
  if (version.kind !== 'named') return 'kept_by_history'
  return null
}

export function can(actor: Actor | null, action: Action, target: Target): boolean {
  return refusal(actor, action, target) === null
}

/** Every action the actor may take on a space or a document, for the UI to show only what works. */
export function allowedActions(actor: Actor | null, target: Target): Action[] {
  return ACTIONS.filter((a) => can(actor, a, target))
}

/** Networks are run by secretariats: whoever runs one may start another (and runs it too). */
export function canCreateNetwork(actor: Actor | null): boolean {
  return actor?.grants.some((g) => g.role === 'secretariat') ?? false
}

export function canGrant(actor: Actor | null, role: GrantRole, space: SpaceRef): boolean {
  if (!actor || !can(actor, 'invite', space)) return false
  for (const held of rolesIn(actor, space)) {
    if (GRANTABLE[space.type][held]?.includes(role)) return true
  }
  return false
}

/**
 * Comments add ownership to the role rules: anyone who may comment may edit and delete their
 * own comments and resolve or reopen the threads they started; `resolve_comment` (the writers)
 * resolves anyone's thread and `delete_comment` (the secretariat) deletes anyone's comment.
 * Someone who lost the right to comment keeps nothing, not even their own.
 */
export type CommentAction = 'edit' | 'delete' | 'resolve'
const BEYOND_OWN: Record<CommentAction, Action | null> = { edit: null, delete: 'delete_comment', resolve: 'resolve_comment' }

export function commentRefusal(actor: Actor | null, action: CommentAction, target: Target, ownerId: string | null): Refusal | null {
  const beyondOwn = BEYOND_OWN[action]
  const asAnyone = beyondOwn ? refusal(actor, beyondOwn, target) : 'role'
  if (asAnyone === null || ownerId === null || ownerId !== actor?.userId) return asAnyone
  return refusal(actor, 'comment', target)
}

export function canOnComment(actor: Actor | null, action: CommentAction, target: Target, ownerId: string | null): boolean {
  return commentRefusal(actor, action, target, ownerId) === null
}

/**
 * Settling a suggestion: the writers accept or reject anyone's; whoever may still suggest
 * withdraws (rejects) their own. Accepting one's own takes the right to write, like any edit.
 */
export type SuggestionDecision = 'accept' | 'reject'

export function suggestionRefusal(actor: Actor | null, decision: SuggestionDecision, target: Target, authorId: string | null): Refusal | null {
  const asWriter = refusal(actor, 'write', target)
  if (asWriter === null || decision === 'accept' || authorId === null || authorId !== actor?.userId) return asWriter
  return refusal(actor, 'suggest', target)
}

export const canSettleSuggestion = (actor: Actor | null, decision: SuggestionDecision, target: Target, authorId: string | null): boolean =>
  suggestionRefusal(actor, decision, target, authorId) === null

/** The roles an actor may hand out in a space, in the order of GRANT_ROLES, for invitation forms. */
export function grantableRoles(actor: Actor | null, space: SpaceRef): GrantRole[] {
  return GRANT_ROLES.filter((role) => canGrant(actor, role, space))
}

/**
 * The level a live editing connection gets, from the same rules as everything else: a `suggest`
 * connection's edits are accepted only when all they do is propose changes (server/collab/suggestions).
 */
export type AccessLevel = 'write' | 'suggest' | 'comment' | 'read' | 'none'
/** The level of a connection that is open: 'none' never gets one. */
export type OpenAccess = Exclude<AccessLevel, 'none'>
export function accessLevel(actor: Actor | null, target: Target): AccessLevel {
  if (can(actor, 'write', target)) return 'write'
  if (can(actor, 'suggest', target)) return 'suggest'
  if (can(actor, 'comment', target)) return 'comment'
  if (can(actor, 'read', target)) return 'read'
  return 'none'
}

/**
 * A secretariat may make a password-reset link for someone who holds a role in one of
 * its networks (directly, or through a city of that network).
 */
export function canResetPassword(actor: Actor | null, target: Actor): boolean {
  if (!actor || actor.userId === target.userId) return false
  const targetSpaces: SpaceRef[] = [
    ...target.grants.map((g): SpaceRef => (g.networkId ? { type: 'network', id: g.networkId } : { type: 'city', id: g.cityId! })),
    ...target.memberships.map((m): SpaceRef => ({ type: 'network', id: m.networkId })),
  ]
  return targetSpaces.some((s) => can(actor, 'manage_members', s))
}

/** The spaces an actor can open: the candidates its grants and memberships point to, kept if readable. */
export function readableSpaces(actor: Actor): { networkIds: string[]; cityIds: string[] } {
  const networkIds = new Set<string>()
  const cityIds = new Set<string>()
  for (const g of actor.grants) {
    if (g.networkId) networkIds.add(g.networkId)
    if (g.cityId) cityIds.add(g.cityId)
  }
  for (const m of actor.memberships) {
    networkIds.add(m.networkId)
    cityIds.add(m.cityId)
  }
  return {
    networkIds: [...networkIds].filter((id) => can(actor, 'read', { type: 'network', id })),
    cityIds: [...cityIds].filter((id) => can(actor, 'read', { type: 'city', id })),
  }
}

/*
 * People: giving them roles, taking roles back, and who sees their e-mail address.
 * (Who may invite, and which roles, is GRANTABLE and canGrant above: an invitation is a link
 * the invitee accepts, so inviting never changes an existing account's rights by itself.)
 */

/** Why a change to someone's roles is refused: not the caller's to make at all, or one only the secretariat makes. */
export type PeopleRefusal = 'not_allowed' | 'needs_secretariat'

/**
 * Giving an existing person a role directly (POST /api/grants) is for the secretariat, who
 * manages the members: a city team brings in new colleagues by invitation, it does not
 * promote accounts.
 */
export function assignRefusal(actor: Actor | null, role: GrantRole, space: SpaceRef): PeopleRefusal | null {
  if (!canGrant(actor, role, space)) return 'not_allowed'
  return can(actor, 'manage_members', space) ? null : 'needs_secretariat'
}

export const canAssignRole = (actor: Actor | null, role: GrantRole, space: SpaceRef) => assignRefusal(actor, role, space) === null

/** The roles an actor may give an existing person in a space, in the order of GRANT_ROLES. */
export function assignableRoles(actor: Actor | null, space: SpaceRef): GrantRole[] {
  return GRANT_ROLES.filter((role) => canAssignRole(actor, role, space))
}

/** A role about to go to someone: where, and the networks it reaches (the network itself, or the networks a city belongs to). */
export type RoleOffer = { role: GrantRole; space: SpaceRef; networkIds: readonly string[] }

/**
 * Whether someone who already has an account may take a role from this giver (for an
 * invitation, whoever made it, as they are now). A city team's role carries into every network
 * its city belongs to, so giving it to someone who already holds a role in one of them — a
 * funder, an expert, another city's team — raises their rights there: that takes the
 * secretariat of that network. Someone who holds nothing there (a new account, a person from
 * elsewhere) is simply a new colleague.
 */
export function canGiveTo(giver: Actor | null, offer: RoleOffer, taker: Actor): boolean {
  const sameRole = (g: Grant) => g.role === offer.role && (g.networkId ?? g.cityId) === offer.space.id
  const others: Actor = { ...taker, grants: taker.grants.filter((g) => !sameRole(g)) }
  return offer.networkIds.every((id) => {
    const network: SpaceRef = { type: 'network', id }
    return rolesIn(others, network).size === 0 || can(giver, 'manage_members', network)
  })
}

/** A role someone holds, as the revocation rule needs to see it. */
export type HeldRole = {
  role: GrantRole
  space: SpaceRef
  /** Who gave it, as they are now; null when not known (seeded, or their account is gone). */
  grantedBy: Actor | null
  /** How many people hold this role on this space, this one included. */
  holders: number
}

export type RevokeRefusal = 'not_allowed' | 'given_by_secretariat' | 'last_of_team' | 'last_secretariat'

/**
 * Taking a role back. The secretariat takes back any role in its networks and their cities. A
 * city team takes back its city's team role from a colleague a city team brought in — not one
 * the secretariat gave (or of unknown origin), and never the city's last team member's. A
 * network's last secretariat stays, even by its own hand: someone must run the network.
 */
export function revokeRefusal(actor: Actor | null, held: HeldRole): RevokeRefusal | null {
  if (!can(actor, 'manage_members', held.space)) return teamRevokeRefusal(actor, held)
  return held.role === 'secretariat' && held.holders <= 1 ? 'last_secretariat' : null
}

function teamRevokeRefusal(actor: Actor | null, held: HeldRole): RevokeRefusal | null {
  if (!canGrant(actor, held.role, held.space)) return 'not_allowed'
  if (!held.grantedBy || can(held.grantedBy, 'manage_members', held.space)) return 'given_by_secretariat'
  return held.holders > 1 ? null : 'last_of_team'
}

export const canRevoke = (actor: Actor | null, held: HeldRole) => revokeRefusal(actor, held) === null

/** Someone's e-mail address is for themself and for those who manage the members of the space they are listed in (the secretariat). */
export function canSeeEmail(viewer: Actor | null, personId: string, space: SpaceRef): boolean {
  if (!viewer) return false
  return viewer.userId === personId || can(viewer, 'manage_members', space)
}

/*
 * The good-practices observatory: a library shared across networks. Its practices are published
 * copies, so reading one never opens its source document, which keeps its own rules.
 */

/** A practice as the policy sees it: the network it belongs to and who published it. */
export type PracticeTarget = { networkId: string; publishedBy: string | null }

/**
 * Everyone holding a role in a network or in one of its cities browses, searches and comments on
 * the library, whatever the network. A guest invited to one workshop by link holds no role: the
 * link opens that workshop's documents and nothing else, and the library is the networks' own.
 */
export function canBrowsePractices(actor: Actor | null): boolean {
  return (actor?.grants.length ?? 0) > 0
}

/**
 * Why the actor may not publish the document, or a section of it, in the library: it takes the
 * right to write it through a role in its space. Taking part in a workshop lets one co-write its
 * documents, not take them out of it.
 */
export function publishRefusal(actor: Actor | null, source: DocumentTarget): Refusal | null {
  return refusal(actor, 'write', { ...source, state: { ...source.state, workshopId: null } })
}

/** Publishing takes that right, as one of the library's readers. */
export function canPublishPractice(actor: Actor | null, source: DocumentTarget): boolean {
  return canBrowsePractices(actor) && publishRefusal(actor, source) === null
}

const runsNetwork = (actor: Actor | null, networkId: string): boolean => actor !== null && rolesIn(actor, { type: 'network', id: networkId }).has('secretariat')

/** Its publisher (still one of the library's readers) or the secretariat of its network edit, republish or delete it. */
export function canEditPractice(actor: Actor | null, practice: PracticeTarget): boolean {
  if (runsNetwork(actor, practice.networkId)) return true
  return canBrowsePractices(actor) && practice.publishedBy !== null && practice.publishedBy === actor?.userId
}

/** The secretariat of the practice's network features it or takes it out of the library. */
export function canModeratePractice(actor: Actor | null, practice: PracticeTarget): boolean {
  return runsNetwork(actor, practice.networkId)
}
