import { createMiddleware } from 'hono/factory'
import { etag } from 'hono/etag'

// Weak: the same answer is sent gzipped or plain (Vary: Accept-Encoding), which a strong tag
// would have to tell apart.
const tagged = etag({ weak: true })

/**
 * API reads may be kept by the browser but are checked with the server on every use
 * (`private, no-cache`), and an unchanged one comes back as an empty 304: on a slow link a
 * document's list or a thread list is not sent twice. The tag is a hash of the answer itself,
 * so it cannot leak across people: another person's answer has another hash. Answers that say
 * otherwise (file exports: no-store) keep their own header. Signing out clears the browser's
 * cache (auth routes), since city halls share computers.
 */
export const revalidatedReads = createMiddleware(async (c, next) => {
  if (c.req.method !== 'GET') return next()
  await tagged(c, async () => {
    await next()
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-cache')
  })
})
