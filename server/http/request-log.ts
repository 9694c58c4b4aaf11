import { randomUUID } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../context'

/** One log line per request, with its status, duration and who made it. */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now()
  const requestId = c.req.header('x-request-id') ?? randomUUID()
  c.set('requestId', requestId)
  await next()
  const status = c.res.status
  c.var.deps.logger[status >= 500 ? 'error' : 'info'](
    {
      req: { id: requestId, method: c.req.method, path: c.req.path },
      status,
      ms: Math.round(performance.now() - started),
      user: c.var.identity?.user.id,
    },
    'request',
  )
})
