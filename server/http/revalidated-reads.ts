import { createMiddleware } from 'hono/factory'
import { etag, RETAINED_304_HEADERS } from 'hono/etag'

// Weak: the same answer is sent gzipped or plain (Vary: Accept-Encoding), which a strong tag
// would have to tell apart. A 304 keeps Set-Cookie: a session renewed on this request
// (server/auth/session.ts) must reach the browser even when the answer itself did not change.
const tagged = etag({ weak: true, retainedHeaders: [...RETAINED_304_HEADERS, 'set-cookie'] })
const untouched = async () => {}

/**
 * API reads may be kept by the browser but are checked with the server on every use
 * (`private, no-cache`), and an unchanged one comes back as an empty 304: on a slow link a
 * document's list or a thread list is not sent twice. The tag is a hash of the answer itself,
 * so it cannot leak across people: another person's answer has another hash. Answers that must
 * not be kept at all say `no-store` themselves (exports, an invitation read by its token, the
 * outbox's addresses) and are left alone. Signing out clears the browser's cache (auth routes),
 * since city halls share computers.
 */
export const revalidatedReads = createMiddleware(async (c, next) => {
  await next()
  if (c.req.method !== 'GET' || !c.res.ok) return
  const cacheControl = c.res.headers.get('Cache-Control')
  if (cacheControl?.includes('no-store')) return
  if (!cacheControl) c.res.headers.set('Cache-Control', 'private, no-cache')
  await tagged(c, untouched)
})
