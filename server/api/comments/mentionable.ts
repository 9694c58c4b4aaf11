import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { policyTarget } from '../../data/documents'
import { describePeople } from '../../data/people'
import { authorizeDocument } from '../access'
import { idParam } from '../validate'
import { readersOf } from '../../data/readers'
import type { MentionableList } from '../../../shared/api'

/** `/api/documents/:id/mentionable`: the people a comment here may mention, everyone who can read it but the caller. */
export const mentionableRoutes = new Hono<AppEnv>().get('/', idParam('id'), async (c) => {
  const { user } = requireIdentity(c)
  const doc = await authorizeDocument(c, c.req.param('id')!, 'read')
  const { db } = c.var.deps
  const readers = [...(await readersOf(db, policyTarget(doc)))].filter((id) => id !== user.id)
  const people = await describePeople(db, readers, doc.space)
  const body: MentionableList = { people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')) }
  return c.json(body)
})
