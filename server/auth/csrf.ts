import { createMiddleware } from 'hono/factory'
import { ApiError } from '../errors'
import type { AppEnv } from '../context'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every state-changing request must come from our own origin. Browsers send Origin on
 * every POST/PATCH/DELETE, so a forged cross-site form or fetch is refused; scripts and
 * integrations set the header themselves. Checked before the session is even read.
 */
export const csrfProtection = (publicUrl: string | undefined) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (!origin) throw new ApiError('csrf_failed', 'Missing Origin header on a state-changing request')
    if (!sameOrigin(origin, publicUrl, c.req.header('host'))) {
      throw new ApiError('csrf_failed', `Cross-site request refused (Origin ${origin})`)
    }
    return next()
  })

export function sameOrigin(origin: string, publicUrl: string | undefined, host: string | undefined): boolean {
  let parsed: URL
  try {
    parsed = new URL(origin)
  } catch {
    return false
  }
  // Behind a proxy PUBLIC_URL is the truth; without it, the Host the browser asked for is.
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin
  return !!host && parsed.host === host
}
