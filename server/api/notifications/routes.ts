import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { countUnread, listNotifications, markAllRead, markRead, type NotificationRow } from '../../data/notifications'
import { notFound } from '../../errors'
import { idParam, validate } from '../validate'
import { readableSpaces } from '../../../shared/policy'
import { notificationListQuery } from '../../../shared/schemas'
import type { NotificationList, NotificationView } from '../../../shared/api'

const EXCERPT_CHARS = 140

const present = (n: NotificationRow): NotificationView => {
  const text = n.body.replace(/\s+/g, ' ').trim()
  return {
    id: n.id,
    kind: n.kind,
    document: { id: n.documentId, title: n.documentTitle },
    threadId: n.threadId,
    commentId: n.commentId,
    submissionId: n.submissionId,
    actor: n.actorId === null ? null : { id: n.actorId, name: n.actorName ?? '' },
    excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text,
    path: n.threadId ? `/documents/${n.documentId}?thread=${n.threadId}` : `/documents/${n.documentId}?panel=workflow`,
    createdAt: new Date(n.createdAt).toISOString(),
    readAt: n.readAt === null ? null : new Date(n.readAt).toISOString(),
  }
}

/** `/api/notifications`: the caller's inbox, about documents they can still read. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/', validate('query', notificationListQuery), async (c) => {
    const { actor, user } = requireIdentity(c)
    const { unread, limit } = c.req.valid('query')
    const { db } = c.var.deps
    const readable = { ...readableSpaces(actor), workshopIds: actor.workshops }
    const rows = await listNotifications(db, user.id, readable, { unreadOnly: unread ?? false, limit })
    const body: NotificationList = { notifications: rows.map(present), unread: await countUnread(db, user.id, readable) }
    return c.json(body)
  })
  .post('/read-all', async (c) => {
    await markAllRead(c.var.deps.db, requireIdentity(c).user.id)
    return c.body(null, 204)
  })
  .post('/:id/read', idParam('id'), async (c) => {
    if (!(await markRead(c.var.deps.db, requireIdentity(c).user.id, c.req.param('id')))) throw notFound('No such notification')
    return c.body(null, 204)
  })
