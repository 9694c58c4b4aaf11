import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import { z } from 'zod'
import { ApiError } from '../errors'

/** zod validation for a request part; failures become a 400 naming each wrong field. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const fields = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }))
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ')
      throw new ApiError('invalid_input', `Invalid request ${target === 'json' ? 'body' : target}: ${summary}`, { fields })
    }
  })

/** Route ids are UUIDs; anything else cannot name an existing resource, so it is a 404, not a database error. */
export const idParam = (...names: string[]) =>
  zValidator('param', z.object(Object.fromEntries(names.map((n) => [n, z.string()]))).passthrough(), (result) => {
    if (!result.success) return
    for (const n of names) {
      if (!z.uuid().safeParse(result.data[n]).success) throw new ApiError('not_found', `No such ${n.replace(/Id$/, '')}`)
    }
  })
