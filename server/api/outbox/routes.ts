import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { listOutbox } from '../../data/outbox'
import { authorizeSpace } from '../access'
import { idParam } from '../validate'
import type { OutboxList } from '../../../shared/api'

const SHOWN = 100

/** `/api/networks/:id/outbox`: the mails about the network, for its secretariat: sent, waiting (and why), or given up. */
export const outboxRoutes = new Hono<AppEnv>().get('/outbox', idParam('id'), async (c) => {
  const networkId = c.req.param('id')!
  await authorizeSpace(c, { type: 'network', id: networkId }, 'manage_members')
  const { db, mail } = c.var.deps
  const body: OutboxList = { enabled: mail.enabled, mails: await listOutbox(db, networkId, SHOWN) }
  // People's addresses: not left in the browser's cache of a shared computer.
  return c.json(body, 200, { 'Cache-Control': 'private, no-store' })
})
