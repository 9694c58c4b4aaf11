import type { DocumentSummary } from './api'

/**
 * Error codes the API returns in `{ error: { code, message } }`. The message is English for
 * API users and logs; the client shows its own translated text for each code.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  /** Allowed to the secretariat, not to the caller (a city team promoting an existing account, say). */
  'needs_secretariat',
  'not_found',
  'conflict',
  'document_archived',
  'version_locked',
  /** A step of the submission cycle that the document's stage does not allow (validating a draft, submitting twice). */
  'invalid_stage',
  'invalid_mention',
  /** A funded workshop participant beyond the secretariat's caps (three experts, one advisory member; cities by exception). */
  'funding_cap',
  'rate_limited',
  'csrf_failed',
  'setup_done',
  'link_expired',
  'link_used',
  'link_invalid',
  'payload_too_large',
  'unsupported_media_type',
  /** A file of a format we read that cannot be read: damaged, or protected by a password (an import). */
  'unreadable_file',
  'unavailable',
  'database_unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export type ApiErrorBody = {
  error: {
    code: ErrorCode
    message: string
    /** For invalid_input: which fields were wrong and why. */
    fields?: { path: string; message: string }[]
    /** For rate_limited: seconds until another attempt is accepted. */
    retryAfter?: number
    /** For a conflict with a document that already exists (a visit's report): that document. */
    document?: DocumentSummary
    /** For a submission refused while suggestions are pending in the text (the network requires none): how many. */
    pendingSuggestions?: number
  }
}
