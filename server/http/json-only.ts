import { createMiddleware } from 'hono/factory'
import { ApiError } from '../errors'
import type { AppEnv } from '../context'

/**
 * The API speaks JSON: a body declared in any other format is refused, not half-read.
 * (A request without a body declares no type; Node gives every request a body stream, so
 * the declaration is what tells.)
 */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type')
  if (type && !/^application\/json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', `Send the body as application/json (got ${type})`)
  }
  return next()
})
