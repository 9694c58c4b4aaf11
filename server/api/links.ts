import type { Context } from 'hono'
import type { AppEnv } from '../context'

/** The address a person opens from a link we hand out: PUBLIC_URL, or the origin they reached us at. */
export function appUrl(c: Context<AppEnv>, path: string): string {
  const base = c.var.deps.config.publicUrl ?? new URL(c.req.url).origin
  return `${base}${path}`
}
