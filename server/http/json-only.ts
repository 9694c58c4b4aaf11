import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { ApiError } from '../errors'
import type { AppEnv } from '../context'

/**
 * The one route that takes a file (server/api/documents/import.ts): a multipart body, read as a
 * stream under its own size limit once the caller is known to be allowed.
 */
export const isFileUpload = (c: Context<AppEnv>) => c.req.method === 'POST' && c.req.path === '/api/documents/import'

/**
 * The API speaks JSON: a body declared in any other format is refused, not half-read.
 * (A request without a body declares no type; Node gives every request a body stream, so
 * the declaration is what tells.)
 */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (isFileUpload(c)) return next()
  const type = c.req.header('content-type')
  if (type && !/^application\/json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', `Send the body as application/json (got ${type})`)
  }
  return next()
})
