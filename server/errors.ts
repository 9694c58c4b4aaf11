import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorBody, ErrorCode } from '../shared/errors'
import type { Stage } from '../shared/domain'
import type { Action, Refusal } from '../shared/policy'

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
  funding_cap: 409,
  setup_done: 409,
  link_used: 409,
  link_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unreadable_file: 422,
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

/**
 * A policy refusal as the answer a person gets: 403 for their role, 409 for the document's state
 * (archived, or a stage of the submission cycle). Given the step asked for, a stage refusal says
 * where the document stands.
 */
export function refusalError(why: Refusal, forbiddenMessage: string, step?: { action: Action; stage: Stage | null }): ApiError {
  if (why === 'role') return forbidden(forbiddenMessage)
  if (why === 'archived') return new ApiError('document_archived', 'This document is archived: it can be read but not changed')
  if (!step) return new ApiError('invalid_stage', 'The document’s stage in the submission cycle does not allow this')
  if (step.stage === null) return new ApiError('invalid_stage', 'This kind of document is not submitted to the secretariat')
  if (step.action === 'submit') {
    return new ApiError('invalid_stage', 'This document is under review by the secretariat: it can be submitted again once returned or validated')
  }
  return new ApiError('invalid_stage', `Only a document under review can be returned or validated; this one is ${step.stage}`)
}
