import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../context'
import { SIGN_IN_SHELL } from '../../shared/client-build'

export const CLIENT_DIR = resolve('dist/client')

/**
 * The screens that need a session (client/src/app/router.tsx, under RequireAuth) and the
 * sign-in page: without a session, each of them shows the sign-in form.
 */
const SIGNS_IN = /^\/(?:|signin|networks\/[^/]+(?:\/dashboard)?|cities\/[^/]+|workshops\/[^/]+|practices(?:\/[^/]+)?|documents\/[^/]+(?:\/history)?|me|search)$/

/**
 * Serves the built React client. Any other GET path gets index.html so that shared links
 * (/documents/…, /invitation/…) open the app, which routes them itself.
 */
export function staticClient(dir: string, sessionCookie: string) {
  const app = new Hono<AppEnv>()
  const indexPath = join(dir, 'index.html')
  if (!existsSync(indexPath)) {
    return app.get('*', (c) => c.text('The client is not built. Run `npm run build` (npm start does it for you).', 503))
  }
  const index = readFileSync(indexPath, 'utf8')
  const signInPath = join(dir, SIGN_IN_SHELL)
  const signIn = existsSync(signInPath) ? readFileSync(signInPath, 'utf8') : index
  app.use('/assets/*', async (c, next) => {
    await next()
    // Vite puts a content hash in every asset name, so they never change.
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  // The service worker and the manifest keep their names from one release to the next: the
  // browser must ask each time whether they changed, or a new version would wait for a cache to expire.
  for (const path of ['/sw.js', '/manifest.webmanifest']) {
    app.use(path, async (c, next) => {
      await next()
      if (c.res.ok) c.header('Cache-Control', 'no-cache')
    })
  }
  // The build wrote a brotli and a gzip copy of each asset (infra/precompress.ts): the one the
  // browser accepts is sent, with Vary: Accept-Encoding. The page itself is compressed as it goes.
  app.use('*', compress())
  // Someone with no session who opens a screen that asks for one gets the page with the sign-in
  // form already in it (infra/sign-in-shell.ts), instead of waiting for the app to draw it.
  app.get('*', async (c, next) => {
    if (!SIGNS_IN.test(c.req.path) || getCookie(c, sessionCookie)) return next()
    c.header('Cache-Control', 'no-cache')
    return c.html(signIn)
  })
  app.use('*', serveStatic({ root: dir, precompressed: true }))
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(index)
  })
  return app
}
