import { createMiddleware } from 'hono/factory'
import { ApiError } from '../api/errors'
import type { AppEnv } from '../context'

/** The API speaks JSON: a request that carries a body in any other format is refused, not half-read. */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  const length = c.req.header('content-length')
  const hasBody = length !== undefined ? Number(length) > 0 : c.req.raw.body !== null
  const type = c.req.header('content-type') ?? ''
  if (hasBody && !/^application\/json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', `Send the body as application/json (got ${type || 'no content type'})`)
  }
  return next()
})
