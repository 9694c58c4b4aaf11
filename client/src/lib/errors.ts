import { ApiError, type ClientErrorCode } from '../api/client'
import type { Message, MessageKey } from '../i18n/types'

/** Every code the client may have to explain, with the key of its translated text. */
export const ERROR_MESSAGE_KEYS = {
  invalid_input: 'errors.invalid_input',
  unauthenticated: 'errors.unauthenticated',
  invalid_credentials: 'errors.invalid_credentials',
  forbidden: 'errors.forbidden',
  needs_secretariat: 'errors.needs_secretariat',
  not_found: 'errors.not_found',
  conflict: 'errors.conflict',
  document_archived: 'errors.document_archived',
  version_locked: 'errors.version_locked',
  invalid_stage: 'errors.invalid_stage',
  invalid_mention: 'errors.invalid_mention',
  funding_cap: 'errors.funding_cap',
  rate_limited: 'errors.rate_limited',
  csrf_failed: 'errors.csrf_failed',
  setup_done: 'errors.setup_done',
  link_expired: 'errors.link_expired',
  link_used: 'errors.link_used',
  link_invalid: 'errors.link_invalid',
  payload_too_large: 'errors.payload_too_large',
  unsupported_media_type: 'errors.unsupported_media_type',
  unreadable_file: 'errors.unreadable_file',
  unavailable: 'errors.unavailable',
  database_unavailable: 'errors.database_unavailable',
  internal: 'errors.internal',
  network: 'errors.network',
} as const satisfies Record<ClientErrorCode, MessageKey>

/**
 * How long to wait, as a person counts it: seconds under a minute, else whole minutes rounded up
 * (the texts word them through Intl.RelativeTimeFormat: "dans 30 secondes", "in 1 minute").
 * Without a usable wait, a minute.
 */
export function waitMessage(retryAfterSeconds: number | undefined): Message {
  const known = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
  const seconds = known ? Math.ceil(retryAfterSeconds) : 60
  if (seconds < 60) return { key: 'errors.rate_limited_seconds', values: { seconds } }
  return { key: 'errors.rate_limited', values: { minutes: Math.ceil(seconds / 60) } }
}

/**
 * The message to show for any error a request or a handler threw. Never the server's English
 * text: a translated message per code. `overrides` lets a screen say something more precise
 * for a code (an expired reset link is not an expired invitation).
 */
export function describeError(error: unknown, overrides: Partial<Record<ClientErrorCode, MessageKey>> = {}): Message {
  if (!(error instanceof ApiError)) return { key: 'errors.internal' }
  const key = overrides[error.code] ?? ERROR_MESSAGE_KEYS[error.code] ?? 'errors.internal'
  if (key === 'errors.rate_limited') return waitMessage(error.retryAfter)
  return { key }
}
