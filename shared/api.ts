import type { Action } from './policy'
import type { Actor, ExpertKind, GrantRole, MembershipKind, NetworkStatus, SpaceRef, SpaceRole } from './domain'
import type { PmNode } from './content'
import type { NotificationKind, Stage, ThreadStatus, VersionKind } from './domain'
import type { OnboardingItemKey } from './onboarding'
import type { Axis } from './practices'
import type { ParticipantKind } from './workshops'
import type { LocalisationProgress, PhaseKey, StepKey, StepStatus, SupportKey } from './localisation'

export type { NotificationKind, ThreadStatus, VersionKind }
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
  /** Comment threads neither resolved nor deleted (detached ones included). */
  openComments: number
  /** Where it stands in the submission cycle; null for a kind outside it. */
  stage: Stage | null
  /** When the secretariat expects its next submission (YYYY-MM-DD). */
  dueOn: string | null
  /** For an experimentation log: the action plan it follows. */
  planId: string | null
  /** What the caller may do with it, from the policy module. */
  allowed: Action[]
}

export type NetworkSummary = {
  id: string
  name: string
  theme: string
  description: string
  status: NetworkStatus
  /** The secretariat requires every suggestion in a deliverable accepted or rejected before it is submitted. */
  requireSettledSuggestions: boolean
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
  /** `email` only for the person themself and for the secretariat (shared/policy.ts canSeeEmail). */
  user: { id: string; name: string; email?: string }
  role: GrantRole
  expertKind: ExpertKind | null
  space: SpaceSummary
  /** What the caller may do with this role, from the policy module (shared/policy.ts canRevoke). */
  allowed: { revoke: boolean }
}

export type MeResponse = {
  user: PublicUser
  actor: Actor
  networks: NetworkSummary[]
  cities: CitySummary[]
  /** When this session ends unless used again (ISO): answers kept for offline use are not shown after it. */
  sessionExpiresAt: string
}

export type NetworkDetail = NetworkSummary & {
  memberships: MembershipView[]
  people: PersonView[]
  documents: DocumentSummary[]
}

export type CityDetail = CitySummary & {
  /** With each network's priority theme, for the good practices on it. */
  networks: { id: string; name: string; theme: string; kind: MembershipKind }[]
  people: PersonView[]
  documents: DocumentSummary[]
}

export type InvitationView = {
  /** The role it gives; null for an invitation to take part in a workshop, which gives none. */
  role: GrantRole | null
  expertKind: ExpertKind | null
  /** Where the role is; for a workshop's invitation, the workshop's network (which it does not open). */
  space: SpaceSummary
  /** The workshop whose documents the link opens, for someone taking part without an account. */
  workshop: { id: string; title: string; startsOn: string; endsOn: string; place: string } | null
  email: string | null
  expiresAt: string
  invitedBy: string | null
}

/** A single-use link; `mailedTo` is the address it was also sent to, when mail is on (SMTP_URL) and one was given. */
export type LinkResponse = { url: string; expiresAt: string; mailedTo?: string | null }

/** For WebSocket clients that cannot send the session cookie: `/collab/<id>?token=…`. */
export type CollabTokenResponse = { token: string; expiresAt: string }

/** Before signing in: whether the first account is still to be made, and whether Atelier sends mail (a forgotten password is then reset by mail). */
export type SetupStatus = { needed: boolean; mail: boolean }

export type HealthResponse = { status: 'ok' | 'degraded'; database: 'ok' | 'unreachable'; driver: 'pglite' | 'postgres' }

/** Someone as comments show them: their name and the city they speak for here (null if none). */
export type PersonCard = { id: string; name: string; city: string | null }

/** Plain text as typed: render it as text, never as HTML. */
export type CommentView = {
  id: string
  /** Null when the account no longer exists. */
  author: PersonCard | null
  /** Empty once deleted: the comment keeps its place in the thread. */
  body: string
  mentions: PersonCard[]
  createdAt: string
  editedAt: string | null
  deleted: boolean
  /** What the caller may do with this comment, from the policy module. */
  allowed: { edit: boolean; delete: boolean }
}

export type CommentAnchor = {
  /** Yjs relative positions, base64 (see shared/anchors.ts). */
  start: string
  end: string
  /** The text as it was when the thread was started. */
  quote: string
}

export type ThreadView = {
  id: string
  documentId: string
  anchor: CommentAnchor
  status: ThreadStatus
  /** Its words were deleted from the document: the thread is kept, shown apart from the text. */
  detached: boolean
  createdBy: PersonCard | null
  createdAt: string
  resolvedBy: PersonCard | null
  resolvedAt: string | null
  /** Oldest first; the first one started the thread. */
  comments: CommentView[]
  allowed: { reply: boolean; resolve: boolean }
}

/** GET /api/documents/:id/comments. `counts` ignore the filters, for the filter tabs. */
export type ThreadList = { threads: ThreadView[]; counts: { open: number; resolved: number } }

/** GET /api/documents/:id/mentionable: everyone who can read the document, by name. */
export type MentionableList = { people: PersonCard[] }

export type NotificationView = {
  id: string
  kind: NotificationKind
  document: { id: string; title: string }
  /** Set for comment notices. */
  threadId: string | null
  commentId: string | null
  /** Set for submission notices (submitted, returned, validated). */
  submissionId: string | null
  /** Who wrote the comment or took the step; null when the account no longer exists. */
  actor: { id: string; name: string } | null
  /** The start of the comment, the submission's message or the secretariat's remarks, as plain text. */
  excerpt: string
  /** Where the thread opens in the app. */
  path: string
  createdAt: string
  readAt: string | null
}

export type NotificationList = { notifications: NotificationView[]; unread: number }

/** A saved state of a document: `named` by someone, `automatic` (idle or last editor left), or a `restore`. */
export type VersionSummary = {
  id: string
  documentId: string
  kind: VersionKind
  /** Null for automatic and restore versions. */
  name: string | null
  createdAt: string
  /** Null for automatic versions (and for a deleted account). */
  createdBy: PersonCard | null
  /** For a restore: the version brought back (null if it was deleted since). */
  restoredFrom: { id: string; name: string | null; createdAt: string } | null
  locked: { at: string; by: PersonCard | null } | null
  /** Sent to the secretariat in a submission: kept as it was sent. */
  submitted: boolean
  /** Who changed the document since the previous version, with the city they speak for. */
  contributors: PersonCard[]
  allowed: { rename: boolean; delete: boolean; lock: boolean; restore: boolean }
}

export type VersionList = { versions: VersionSummary[] }

/** A pending suggestion in the document, with its author as others see them (`GET /api/documents/:id/suggestions`). */
export type SuggestionView = {
  id: string
  kind: 'insert' | 'delete' | 'replace'
  /** The proposed text; for a deletion, the text proposed for removal. */
  text: string
  /** For a replacement, the text it replaces. */
  replaced?: string
  /** An account that no longer exists keeps its id, with no name. */
  author: PersonCard
  createdAt: string
}

export type SuggestionList = { suggestions: SuggestionView[] }

/** How many suggestions an accept or reject settled. */
export type SettledSuggestions = { settled: number }

/** One version's content, for a read-only view. */
export type VersionDetail = VersionSummary & { prosemirror: PmNode; text: string }

export type ComparedSegment = {
  op: 'same' | 'added' | 'removed'
  text: string
  /** Who wrote an added segment, when known. */
  author?: PersonCard | null
}

/**
 * One text block (heading, paragraph, list item, table cell…) of the compared documents, in
 * document order. `path` is the node types around it (e.g. ['bulletList', 'listItem']), so it
 * can be drawn in the document's own layout.
 */
export type ComparedBlock = {
  type: string
  attrs: Record<string, unknown>
  path: string[]
  status: 'same' | 'changed' | 'added' | 'removed'
  segments: ComparedSegment[]
}

export type Comparison = {
  from: { id: string; name: string | null; createdAt: string }
  /** `id: 'live'` for the document as it is now. */
  to: { id: string; name: string | null; createdAt: string }
  blocks: ComparedBlock[]
  /** Everyone who wrote an added segment. */
  authors: PersonCard[]
  counts: { added: number; removed: number }
}

/** One time a document was sent to the secretariat, and how its review ended (outcome null: under review). */
export type SubmissionView = {
  id: string
  /** V<number>: a resubmission after a return keeps the number, the first after a validation takes the next. */
  number: number
  version: { id: string; name: string | null }
  submittedBy: { id: string; name: string } | null
  submittedAt: string
  message: string
  outcome: 'returned' | 'validated' | null
  decidedBy: { id: string; name: string } | null
  decidedAt: string | null
  remarks: string
  /** The experimentation cycles it builds on: recorded since the validation before it (V2 lists the cycles since V1). */
  cycles: CycleView[]
  /** The suggestions still pending in the text when it was sent, as they stood then. */
  pendingSuggestions: SuggestionView[]
}

/** One experimentation cycle of a log. */
export type CycleView = {
  id: string
  startsOn: string
  endsOn: string | null
  hypotheses: string
  results: string
  lessons: string
  updatedAt: string
}

export type CycleList = { cycles: CycleView[] }

/** A change of stage, oldest first, for the document's timeline. */
export type StageEvent = {
  stage: Exclude<Stage, 'draft'>
  at: string
  by: { id: string; name: string } | null
  /** The submission's message, or the secretariat's remarks. */
  message: string
  submissionId: string
  number: number
}

export type WorkflowView = {
  stage: Stage | null
  dueOn: string | null
  /** The day is past and nothing is under review or validated since. */
  overdue: boolean
  submissions: SubmissionView[]
  timeline: StageEvent[]
  /** The last validated submission's version and the one under review, for "compare" in one click. */
  compare: { from: string; to: string } | null
  /** For an action plan: the experimentation log that follows it, and its cycles. */
  log: { id: string; title: string; cycles: CycleView[] } | null
}

export type SubmissionCreated = { submission: SubmissionView; workflow: WorkflowView }

/** A deliverable on the dashboard: its stage and dates, never its words. */
export type DashboardDocument = {
  id: string
  title: string
  kind: DocumentKind
  stage: Stage
  dueOn: string | null
  overdue: boolean
  /** V<lastNumber> is the last one submitted, V<validatedNumber> the last validated (null: none yet). */
  lastNumber: number | null
  validatedNumber: number | null
  updatedAt: string
  openComments: number
}

/** One city of the network: where its action plan stands, its other deliverables, and how long it has waited to start. */
export type DashboardCity = {
  membership: MembershipView
  /** Its action plan (the most recently changed one, if it has several); null when it has none yet. */
  plan: DashboardDocument | null
  documents: DashboardDocument[]
  lastActivity: string | null
  openComments: number
  due: number
  overdue: number
  /** Its onboarding: objectives met of six, and paperwork open too long. */
  onboarding: { objectivesMet: number; paperworkLate: boolean }
  /** Its City WORKS steps done and under way, overall and phase by phase. */
  localisation: LocalisationProgress
}

/** A workshop on the dashboard: its days and where its four deliverables stand. */
export type DashboardWorkshop = {
  id: string
  title: string
  startsOn: string
  endsOn: string
  place: string
  deliverables: DashboardDocument[]
}

/** "Où en sont les villes ?": the secretariat's view of its network, which the funder sees too. */
export type NetworkDashboard = {
  network: { id: string; name: string }
  cities: DashboardCity[]
  /** The network's own deliverables, apart from its workshops'. */
  documents: DashboardDocument[]
  /** Its workshops, oldest first, each with its deliverables. */
  workshops: DashboardWorkshop[]
  generatedAt: string
}

/** One item of a city's onboarding checklist. */
export type OnboardingItemView = {
  key: OnboardingItemKey
  done: boolean
  doneAt: string | null
  doneBy: { id: string; name: string } | null
  note: string
}

/** Where a city stands in joining the network: its checklist, the secretariat's visit, and late paperwork. */
export type CityOnboarding = {
  city: { id: string; name: string }
  items: OnboardingItemView[]
  /** Of the six objectives. */
  objectivesMet: number
  /** Days since the city confirmed (or was selected) while its contract or first transfer is still open; null once both are done. */
  paperworkOpenDays: number | null
  /** Open for more than PAPERWORK_LATE_DAYS. */
  paperworkLate: boolean
  visit: CityVisitView
  /** `startReport`: may start the visit's report (the secretariat and the city's team), while it has none. */
  allowed: { tick: boolean; schedule: boolean; startReport: boolean }
}

/** The secretariat's visit to a city, and its report. */
export type CityVisitView = {
  plannedOn: string | null
  heldOn: string | null
  /** Whether the visit has its report: everyone who follows the onboarding may know that much. */
  hasReport: boolean
  /** The report itself, only for those who may read it (it lives in the city's space); null for the funder and other cities. */
  report: DocumentSummary | null
}

export type NetworkOnboarding = {
  cities: CityOnboarding[]
  /** The network's inaugural in-person event, in one of its cities. */
  inaugural: { city: { id: string; name: string } | null; plannedOn: string | null; heldOn: string | null }
}

export type ParticipantView = {
  id: string
  kind: ParticipantKind
  funded: boolean
  /** The account, when they have one. */
  userId: string | null
  name: string
  city: { id: string; name: string } | null
}

/** An international workshop with its live agenda, its four deliverables and who takes part. */
export type WorkshopView = {
  id: string
  networkId: string
  /** The network's priority theme, for the good practices on it. */
  networkTheme: string
  title: string
  host: { id: string; name: string } | null
  startsOn: string
  endsOn: string
  place: string
  objectives: string[]
  agenda: DocumentSummary
  /** Revised thematic sheet, network constitution sheet, priority-problem sheet, pilot-project draft: in that order. */
  deliverables: DocumentSummary[]
  participants: ParticipantView[]
  /** Funded by the secretariat so far, against its caps (three experts, one advisory member). */
  funded: { experts: number; advisory: number }
  allowed: { organise: boolean; manageParticipants: boolean }
}

/**
 * A network's workshops (GET /api/networks/:id/workshops), or the caller's for the home page
 * (GET /api/workshops: those they take part in or whose network they read, soonest first).
 */
export type WorkshopList = { workshops: WorkshopView[] }

type PersonRef = { id: string; name: string }

/** One City WORKS step of a city. */
export type LocalisationStepView = {
  key: StepKey
  status: StepStatus
  lead: PersonRef | null
  startedOn: string | null
  doneOn: string | null
  note: string
  /** The documents it produced that the caller may read (others linked stay hidden). */
  documents: DocumentSummary[]
  updatedBy: PersonRef | null
  updatedAt: string | null
}

/** A city's City WORKS tracker (GET /api/cities/:id/localisation). */
export type CityLocalisation = {
  phases: { key: PhaseKey; steps: LocalisationStepView[] }[]
  supportActivities: { key: SupportKey; status: StepStatus; note: string; updatedBy: PersonRef | null; updatedAt: string | null }[]
  /** The toolkit's advice to start with phase I, in the caller's language, when a later step started before it. */
  advice: string | null
  progress: LocalisationProgress
  allowed: { track: boolean }
  /** For those who may track: who may lead a step (whoever may read the city), and the documents a step may link. */
  leadCandidates: PersonRef[]
  linkable: DocumentSummary[]
}

/** A practice of the observatory, as the library lists it. */
export type PracticeSummary = {
  id: string
  title: string
  summary: string
  themes: string[]
  axis: Axis | null
  network: { id: string; name: string; theme: string }
  city: { id: string; name: string; country: string } | null
  /** The heading of the section published; null for the whole document. */
  section: string | null
  publisher: PersonRef | null
  publishedAt: string
  /** When its copy was last taken again from the source; null if never. */
  republishedAt: string | null
  featured: boolean
  /** Taken out of the library by the secretariat: only its publisher and the secretariat still see it. */
  unpublished: boolean
}

/** What the library holds, for its filters: every value a published practice has. */
export type PracticeFacets = {
  themes: string[]
  axes: Axis[]
  cities: { id: string; name: string }[]
  networks: { id: string; name: string }[]
  regions: string[]
}

export type PracticeList = { practices: PracticeSummary[]; facets: PracticeFacets }

export type PracticeComment = { id: string; author: PersonRef | null; body: string; createdAt: string }

export type PracticeView = PracticeSummary & {
  /** The published copy, as ProseMirror JSON. */
  content: PmNode
  /** The source document, for those who may read it; null otherwise (or when it is gone). */
  source: { id: string; title: string } | null
  comments: PracticeComment[]
  allowed: { edit: boolean; republish: boolean; moderate: boolean; comment: boolean }
}

/** What publishing a document needs: its sections, and the networks it may be published in (with their themes). */
export type PracticeSource = {
  document: { id: string; title: string }
  sections: string[]
  networks: { id: string; name: string; theme: string }[]
}

/** What search finds; each kind of result is one branch of the query in server/data/search.ts. */
export const SEARCH_RESULT_TYPES = ['document', 'thread', 'version', 'workshop', 'practice', 'onboarding', 'localisation', 'person', 'city', 'network'] as const
export type SearchResultType = (typeof SEARCH_RESULT_TYPES)[number]

/**
 * A snippet is plain text; the matched words sit between these two control characters, which
 * nobody's text contains (they are taken out before). The client renders the parts as text.
 */
export const SNIPPET_MARK_START = '\u0002'
export const SNIPPET_MARK_END = '\u0003'

export type SearchResult = {
  type: SearchResultType
  id: string
  /** The document's title for a document, a thread or a version; the name otherwise. */
  title: string
  snippet: string
  /** The space it belongs to (a person's: one where they hold a role). */
  space: (SpaceRef & { name: string }) | null
  /** Where it opens: a document at the match (`/documents/:id?q=…`), a space, a workshop. */
  url: string
}

/** `GET /api/search`: one page, best first; `next` is the cursor of the following page, or null. */
export type SearchResponse = { results: SearchResult[]; next: string | null }

/** The kinds of mail Atelier sends (server/mail/messages.ts writes each in French, English and Spanish). */
export const MAIL_KINDS = ['invitation', 'password_reset', 'mention', 'reply', 'submitted', 'returned', 'validated', 'due', 'workshop', 'digest'] as const
export type MailKind = (typeof MAIL_KINDS)[number]

/**
 * What a person chooses per topic: at once, in one daily digest (at 8 in the morning in their time
 * zone), or never. Invitations and password resets are always sent: someone asked for them.
 */
export const MAIL_TOPICS = ['mention', 'reply', 'workflow', 'due', 'workshop'] as const
export type MailTopic = (typeof MAIL_TOPICS)[number]
export const MAIL_MODES = ['now', 'daily', 'never'] as const
export type MailMode = (typeof MAIL_MODES)[number]

/** The topic a kind of mail belongs to, or null for those always sent. */
export function topicOf(kind: MailKind): MailTopic | null {
  switch (kind) {
    case 'mention':
    case 'reply':
    case 'due':
    case 'workshop':
      return kind
    case 'submitted':
    case 'returned':
    case 'validated':
      return 'workflow'
    default:
      return null
  }
}

/** `GET`/`PUT /api/me/mail`: the caller's choices, and whether Atelier sends mail at all. */
export type MailPreferences = { enabled: boolean; timeZone: string; topics: Record<MailTopic, MailMode> }

/** A mail in the outbox, as the secretariat sees it: pending (with its next try), sent, or failed with the reason. */
export type OutboxEntry = {
  id: string
  kind: MailKind
  to: string
  recipientName: string | null
  subject: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  createdAt: string
  sentAt: string | null
  nextAttemptAt: string
}

/** `GET /api/networks/:id/outbox`: the latest mails about the network, newest first; `enabled` is false without SMTP_URL. */
export type OutboxList = { enabled: boolean; mails: OutboxEntry[] }
