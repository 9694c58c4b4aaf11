import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { policyTarget } from '../../data/documents'
import { describePeople } from '../../data/people'
import { authorizeDocument } from '../access'
import { idParam } from '../validate'
import { metThrough, readersOf } from '../../data/readers'
import type { MentionableList } from '../../../shared/api'

/** `/api/documents/:id/mentionable`: the people a comment here may mention, the readers the caller meets there (data/readers.ts). */
export const mentionableRoutes = new Hono<AppEnv>().get('/', idParam('id'), async (c) => {
  const { user, actor } = requireIdentity(c)
  const doc = await authorizeDocument(c, c.req.param('id')!, 'read')
  const { db } = c.var.deps
  const target = policyTarget(doc)
  const readers = await metThrough(
    db,
    actor,
    target,
    [...(await readersOf(db, target))].filter((id) => id !== user.id),
  )
  const people = await describePeople(db, readers, doc.space)
  const body: MentionableList = { people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }
  return c.json(body)
})
