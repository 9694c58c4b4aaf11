import './zod-jitless'
import { z } from 'zod'
import { DAY_MS } from './days'
import { STEP_STATUSES } from './localisation'
import { AXES, MAX_THEMES } from './practices'
import { GUEST_LINK_DAYS, PARTICIPANT_KINDS, WORKSHOP_MAX_DAYS, WORKSHOP_MIN_DAYS } from './workshops'
import { EXPERT_KINDS, GRANT_ROLES, MEMBERSHIP_KINDS, NETWORK_STATUSES, STAGES } from './domain'
import { DOCUMENT_KINDS, LOCALES, PROCESS_KINDS } from './templates'
import { MAX_ENCODED_POSITION } from './collab'
import { SEARCH_QUERY_MAX_CHARS } from './limits'
import { MAIL_MODES, MAIL_TOPICS, SEARCH_RESULT_TYPES } from './api'

/** Request bodies, validated by the server and reused by the client's forms. */

// PostgreSQL cannot store NUL, and no person types control characters: refuse them up front.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LINE_BREAK = /[\r\n]/
/** Free text: trimmed, bounded, may span lines. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), 'contains control characters')
/** A name or title: one non-empty line. */
const trimmed = (max: number) =>
  text(max)
    .refine((v) => v.length > 0, 'required')
    .refine((v) => !LINE_BREAK.test(v), 'must be a single line')
const email = z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address')).pipe(z.string().max(254))
/** Long enough to resist guessing; capped so hashing a huge body cannot tie up the server. */
export const password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(200, 'at most 200 characters')
  .refine((v) => !v.includes('\u0000'), 'contains control characters')
const id = z.uuid('not a valid id')
const date = z.iso.date('expected a date as YYYY-MM-DD')

export const spaceRef = z.discriminatedUnion('type', [z.object({ type: z.literal('network'), id }), z.object({ type: z.literal('city'), id })])

export const loginBody = z.object({ email, password: z.string().min(1, 'required').max(200) })

export const setupBody = z.object({
  name: trimmed(120),
  email,
  password,
  networkName: trimmed(160),
  locale: z.enum(LOCALES).default('fr'),
})

export const updateMeBody = z.object({ name: trimmed(120).optional(), locale: z.enum(LOCALES).optional() })

export const createDocumentBody = z.object({
  space: spaceRef,
  kind: z.enum(DOCUMENT_KINDS),
  title: trimmed(200).optional(),
  locale: z.enum(LOCALES).default('fr'),
  /** For an experimentation log: the action plan of the same space it follows. */
  planId: id.optional(),
})

/**
 * The form fields of `POST /api/documents/import` (multipart, sent before the file): `space` as
 * JSON; a kind that belongs to a process (a workshop's agenda) cannot come from a file.
 */
export const importDocumentFields = z.object({
  space: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"type":"city","id":"…"}' })
        return z.NEVER
      }
    })
    .pipe(spaceRef),
  kind: z
    .enum(DOCUMENT_KINDS)
    .refine((k) => !PROCESS_KINDS.has(k), 'this kind of document is made by its process, not imported')
    .default('thematic_sheet'),
  title: trimmed(200).optional(),
  locale: z.enum(LOCALES).default('fr'),
})

/** A new title, a due date for the next submission, the plan a log follows (null clears them); at least one. */
export const updateDocumentBody = z
  .object({ title: trimmed(200).optional(), dueOn: date.nullable().optional(), planId: id.nullable().optional() })
  .refine((b) => b.title !== undefined || b.dueOn !== undefined || b.planId !== undefined, 'give a title, a due date or a plan')

export const CYCLE_TEXT_MAX_CHARS = 4000
/** One experimentation cycle: its dates, and what was tried, seen and learnt. */
export const cycleBody = z
  .object({
    startsOn: date,
    endsOn: date.nullable().default(null),
    hypotheses: text(CYCLE_TEXT_MAX_CHARS).default(''),
    results: text(CYCLE_TEXT_MAX_CHARS).default(''),
    lessons: text(CYCLE_TEXT_MAX_CHARS).default(''),
  })
  .refine((c) => c.endsOn === null || c.endsOn >= c.startsOn, { message: 'a cycle ends on or after the day it starts', path: ['endsOn'] })

export const SUBMISSION_MESSAGE_MAX_CHARS = 4000
export const submitBody = z.object({ message: text(SUBMISSION_MESSAGE_MAX_CHARS).default('') })
/** Returning a submission says what to change: remarks are required. */
export const returnSubmissionBody = z.object({ message: text(SUBMISSION_MESSAGE_MAX_CHARS).refine((v) => v.length > 0, 'required') })
export const validateSubmissionBody = z.object({ message: text(SUBMISSION_MESSAGE_MAX_CHARS).default('') })

export const createNetworkBody = z.object({
  name: trimmed(160),
  theme: text(300).default(''),
  description: text(4000).default(''),
  status: z.enum(NETWORK_STATUSES).default('forming'),
})
export const updateNetworkBody = createNetworkBody.partial().extend({ requireSettledSuggestions: z.boolean({ error: 'must be true or false' }).optional() })

export const cityFields = z.object({
  name: trimmed(160),
  country: text(100).default(''),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'expected a language code such as fr or pt-BR'))
    .max(10)
    .default([]),
})

/** Adds a city to a network: an existing one by id, or a new one described in `city`. */
export const addCityBody = z
  .object({
    cityId: id.optional(),
    city: cityFields.optional(),
    kind: z.enum(MEMBERSHIP_KINDS),
    selectedOn: date.optional(),
    confirmedOn: date.optional(),
    startedOn: date.optional(),
  })
  .refine((b) => (b.cityId ? !b.city : !!b.city), { message: 'give either cityId or city', path: ['cityId'] })

export const updateMembershipBody = z.object({
  kind: z.enum(MEMBERSHIP_KINDS).optional(),
  selectedOn: date.nullable().optional(),
  confirmedOn: date.nullable().optional(),
  startedOn: date.nullable().optional(),
})

const roleOnSpace = {
  role: z.enum(GRANT_ROLES),
  space: spaceRef,
  expertKind: z.enum(EXPERT_KINDS).optional(),
}
const roleFitsSpace = (b: { role: string; space: { type: string } }) => b.role === 'expert' || (b.role === 'city_team') === (b.space.type === 'city')

export const createInvitationBody = z
  .object({ ...roleOnSpace, email: email.optional(), expiresInDays: z.number().int().min(1).max(30).default(7) })
  .refine(roleFitsSpace, { message: 'this role cannot be granted on this kind of space', path: ['role'] })

/** A link for someone taking part in a workshop without an account (POST /api/workshops/:id/participants/:pid/invitation). */
export const participantInvitationBody = z.object({ expiresInDays: z.number().int().min(1).max(30).default(GUEST_LINK_DAYS) })

export const grantRoleBody = z
  .object({ ...roleOnSpace, userId: id })
  .refine(roleFitsSpace, { message: 'this role cannot be granted on this kind of space', path: ['role'] })

/** Accepting an invitation while signed out creates the account; signed in, only the role is added. */
export const acceptInvitationBody = z.object({ name: trimmed(120), email, password }).partial()

export const resetPasswordBody = z.object({ password })

/** A time zone the runtime knows (IANA names: "Africa/Dakar", "Europe/Paris", "UTC"). */
const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'not a known time zone, such as Africa/Dakar')

export const mailPreferencesBody = z
  .object({
    timeZone: timeZone.optional(),
    topics: z.partialRecord(z.enum(MAIL_TOPICS), z.enum(MAIL_MODES)).optional(),
  })
  .strict()
  .refine((b) => b.timeZone !== undefined || b.topics !== undefined, 'nothing to change: give timeZone or topics')

/** One click from a mail: no more mail of this topic (the token is the person's own, from the link). */
export const unsubscribeBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'not a link from a mail'), topic: z.enum(MAIL_TOPICS) })

/** "Mot de passe oublié ?": the account's address (answered 202 whether or not it exists). */
export const requestResetBody = z.object({ email })

export const COMMENT_MAX_CHARS = 5000
export const MENTIONS_MAX = 20
/** Quotes are for showing which words a thread is about: a long selection is kept shortened. */
export const QUOTE_MAX_CHARS = 500

/** Plain text; HTML is kept as typed and shown as text. Mentions are people's ids, not parsed from the text. */
const commentBody = text(COMMENT_MAX_CHARS).refine((v) => v.length > 0, 'required')
const mentions = z
  .array(id)
  .max(MENTIONS_MAX, `at most ${MENTIONS_MAX} people`)
  .transform((ids) => [...new Set(ids)])
// The format only: the server also decodes them (shared/anchors.ts), which needs Yjs, kept out of forms.
const anchorPosition = z
  .string()
  .max(MAX_ENCODED_POSITION, `at most ${MAX_ENCODED_POSITION} characters`)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/, 'expected base64')
const quote = z
  .string()
  .trim()
  .max(100_000)
  .refine((v) => v.length > 0, 'required')
  .refine((v) => !CONTROL.test(v), 'contains control characters')
  .transform((v) => (v.length > QUOTE_MAX_CHARS ? `${v.slice(0, QUOTE_MAX_CHARS - 1)}…` : v))

export const createThreadBody = z.object({
  anchor: z.object({ start: anchorPosition, end: anchorPosition, quote }),
  body: commentBody,
  mentions: mentions.default([]),
})
export const replyBody = z.object({ body: commentBody, mentions: mentions.default([]) })
/** Without `mentions`, the comment keeps the ones it had. */
export const editCommentBody = z.object({ body: commentBody, mentions: mentions.optional() })

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')
export const threadListQuery = z.object({
  status: z.enum(['open', 'resolved']).optional(),
  /** Threads I started or replied to. */
  mine: flag.optional(),
})
export const notificationListQuery = z.object({
  unread: flag.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const VERSION_NAME_MAX_CHARS = 200
/** "V1 — avant expérimentation": one line. */
export const saveVersionBody = z.object({ name: trimmed(VERSION_NAME_MAX_CHARS) })
export const renameVersionBody = saveVersionBody
/** `to` is another version's id or `live`, the document as it is now. */
export const compareQuery = z.object({ from: id, to: z.union([z.literal('live'), id]) })

/** Settling every pending suggestion, or every one of a person's: `POST …/suggestions/accept-all|reject-all`. */
export const settleAllBody = z.object({ authorId: z.string().min(1).max(100).optional() }).strict()
/** Suggestion ids are made by the editor; anything longer cannot name one. */
export const suggestionParam = z.object({ suggestionId: z.string().min(1).max(100) }).passthrough()

export type LoginBody = z.infer<typeof loginBody>
export type SetupBody = z.input<typeof setupBody>
export type CreateDocumentBody = z.input<typeof createDocumentBody>
export type CreateInvitationBody = z.input<typeof createInvitationBody>
export type AcceptInvitationBody = z.input<typeof acceptInvitationBody>
export type AddCityBody = z.input<typeof addCityBody>
export type CreateThreadBody = z.input<typeof createThreadBody>
export type ReplyBody = z.input<typeof replyBody>
export type EditCommentBody = z.input<typeof editCommentBody>
export type SaveVersionBody = z.input<typeof saveVersionBody>
export type SettleAllBody = z.input<typeof settleAllBody>

/** What a document can be exported as: `GET /api/documents/:id/export?format=…[&version=…]`. */
export const EXPORT_FORMATS = ['docx', 'md', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: 'must be docx, md or pdf' }),
  version: z.uuid({ error: 'must be a version id' }).optional(),
})

/** Ticking an onboarding item, with a note (which replaces the last one when given). */
export const onboardingItemBody = z.object({ done: z.boolean({ error: 'must be true or false' }), note: text(2000).optional() })
/** Planned and held days of an event; null clears one, a missing field keeps it. */
const eventDates = { plannedOn: date.nullable().optional(), heldOn: date.nullable().optional() }
export const cityVisitBody = z.object(eventDates)
export const inauguralBody = z.object({ ...eventDates, cityId: id.nullable().optional() })

/** A City WORKS step: any of its fields (null clears the lead or a day); documentIds replaces the linked documents the caller may read. */
const stepStatus = z.enum(STEP_STATUSES, { error: 'must be not_started, in_progress, done or skipped' })
export const localisationStepBody = z
  .object({
    status: stepStatus.optional(),
    leadUserId: id.nullable().optional(),
    note: text(4000).optional(),
    startedOn: date.nullable().optional(),
    doneOn: date.nullable().optional(),
    documentIds: z.array(id).max(20, 'at most 20 documents').optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give a status, a lead, a note, a day or documents')
  .refine((b) => !b.startedOn || !b.doneOn || b.doneOn >= b.startedOn, { message: 'a step is done on or after the day it started', path: ['doneOn'] })
/** A support activity: its status, its note, or both. */
export const supportActivityBody = z
  .object({ status: stepStatus.optional(), note: text(4000).optional() })
  .refine((b) => b.status !== undefined || b.note !== undefined, 'give a status or a note')

/** A workshop: two or three days, both included. */
export const workshopBody = z
  .object({
    title: trimmed(200),
    startsOn: date,
    endsOn: date,
    place: text(200).default(''),
    hostCityId: id.nullable().optional(),
    objectives: z.array(trimmed(300)).max(12, 'at most 12 objectives').default([]),
  })
  .refine(
    (w) => {
      const days = (Date.parse(w.endsOn) - Date.parse(w.startsOn)) / DAY_MS + 1
      return days >= WORKSHOP_MIN_DAYS && days <= WORKSHOP_MAX_DAYS
    },
    { message: 'a workshop lasts two or three days: it ends one or two days after it starts', path: ['endsOn'] },
  )
/** Someone taking part: an account (userId), or a name (and an e-mail for their invitation). */
export const participantBody = z
  .object({
    kind: z.enum(PARTICIPANT_KINDS),
    funded: z.boolean({ error: 'must be true or false' }),
    userId: id.optional(),
    name: trimmed(120).optional(),
    email: email.optional(),
    cityId: id.optional(),
    /** A member city's representative funded by the secretariat: recorded as an exception. */
    exception: z.boolean().default(false),
  })
  .refine((p) => p.userId !== undefined || p.name !== undefined, { message: 'give an account or a name', path: ['name'] })

/** A calendar quarter, as 2026-Q4. */
export const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'expected a quarter such as 2026-Q4')
export const reportQuery = z.object({
  quarter,
  format: z.enum(EXPORT_FORMATS, { error: 'must be docx, md or pdf' }),
})

/** POST /api/documents/:id/collab-token: a new token, or `renew` one this session already holds for the document. */
export const collabTokenBody = z.object({ renew: z.string().min(1).max(200).optional() }).strict()

/*
 * The good-practices observatory. A practice comes from a document (or the section under one of
 * its headings); a city's document names the network it is published in when the city has several.
 */
const themes = z
  .array(trimmed(80))
  .min(1, 'at least one theme')
  .max(MAX_THEMES, `at most ${MAX_THEMES} themes`)
  .transform((list) => [...new Set(list)])
const practiceFields = {
  title: trimmed(200),
  summary: text(2000).refine((v) => v.length > 0, 'required'),
  themes,
  axis: z.enum(AXES).nullable().optional(),
}
export const publishPracticeBody = z.object({
  documentId: id,
  section: trimmed(300).optional(),
  networkId: id.optional(),
  ...practiceFields,
})
export const updatePracticeBody = z.object(practiceFields).partial()
export const practiceStatusBody = z
  .object({ featured: z.boolean({ error: 'must be true or false' }).optional(), published: z.boolean({ error: 'must be true or false' }).optional() })
  .refine((s) => s.featured !== undefined || s.published !== undefined, { message: 'give featured or published', path: ['featured'] })
export const practiceListQuery = z.object({
  q: text(200).optional(),
  theme: text(80).optional(),
  axis: z.enum(AXES).optional(),
  city: id.optional(),
  network: id.optional(),
  region: text(80).optional(),
})
export const practiceCommentBody = z.object({ body: commentBody })
export const practiceSourceQuery = z.object({ documentId: id })
export type PublishPracticeBody = z.input<typeof publishPracticeBody>

/** `GET /api/search`: the words, and optional filters (a space as `network:<id>` or `city:<id>`, a document kind, a stage). */
export { SEARCH_QUERY_MAX_CHARS }
export const SEARCH_LIMIT_MAX = 50
export const searchQuery = z.object({
  q: text(SEARCH_QUERY_MAX_CHARS).refine((v) => v.length > 0, 'required'),
  space: z
    .string()
    .regex(/^(network|city):[0-9a-f-]{36}$/i, 'expected network:<id> or city:<id>')
    .transform((v) => {
      const [type, spaceId] = v.split(':') as ['network' | 'city', string]
      return { type, id: spaceId.toLowerCase() }
    })
    .optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  stage: z.enum(STAGES).optional(),
  /** Only these kinds of result: `type=document,thread`. */
  type: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((t) => t.trim()))])
    .pipe(z.array(z.enum(SEARCH_RESULT_TYPES)).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
  /** The `next` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,4}$/, 'not a cursor from a previous answer')
    .optional(),
})
export type SearchQuery = z.output<typeof searchQuery>
