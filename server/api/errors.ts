import type { Context } from 'hono'
import type { ApiErrorBody } from '../../shared/errors'
import type { ApiError } from '../errors'

/** An ApiError as the API answers it: its status, `{ error: { code, message, … } }`, and Retry-After when it has one. */
export function errorResponse(c: Context, err: ApiError) {
  const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...err.extra } }
  if (err.extra.retryAfter) c.header('Retry-After', String(err.extra.retryAfter))
  return c.json(body, err.status)
}
