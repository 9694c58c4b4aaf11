import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorBody, ErrorCode } from '../shared/errors'

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  needs_secretariat: 403,
  csrf_failed: 403,
  not_found: 404,
  link_invalid: 404,
  conflict: 409,
  document_archived: 409,
  version_locked: 409,
  invalid_stage: 409,
  invalid_mention: 422,
  setup_done: 409,
  link_used: 409,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  database_unavailable: 503,
}

/**
 * A refusal or failure a person is told about, with its code and HTTP status. Thrown by routes,
 * commands and the auth layer alike; the API's error handler (api/errors.ts) writes it as
 * `{ error: { code, message } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message)
  }
  get status() {
    return STATUS[this.code]
  }
}

export const notFound = (what = 'Not found') => new ApiError('not_found', what)
export const forbidden = (message = 'You do not have permission to do this') => new ApiError('forbidden', message)
