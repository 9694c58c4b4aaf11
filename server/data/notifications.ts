import type { Queryable } from '../db/db'
import type { NotificationKind } from '../../shared/domain'

/** The in-app inbox: one row per person per comment, or per step of a submission, that concerns them. */

export type NewNotification = {
  recipientId: string
  kind: NotificationKind
  documentId: string
  actorId: string
} & ({ threadId: string; commentId: string; submissionId?: undefined } | { submissionId: string; threadId?: undefined; commentId?: undefined })

export type NotificationRow = {
  id: string
  kind: NotificationKind
  documentId: string
  documentTitle: string
  threadId: string | null
  commentId: string | null
  submissionId: string | null
  actorId: string | null
  actorName: string | null
  /** The comment, or the submission's message or the secretariat's remarks. */
  body: string
  createdAt: Date
  readAt: Date | null
}

/** Someone already notified about this comment, or this step, is not notified again (the unique keys say so). */
export async function addNotifications(q: Queryable, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return
  const params: unknown[] = []
  const values = rows.map((r) => {
    params.push(r.recipientId, r.kind, r.documentId, r.threadId ?? null, r.commentId ?? null, r.submissionId ?? null, r.actorId)
    const n = params.length
    return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`
  })
  await q.query(
    `insert into notifications (recipient_id, kind, document_id, thread_id, comment_id, submission_id, actor_id)
     values ${values.join(', ')} on conflict do nothing`,
    params,
  )
}

/** Who was already notified about a comment (an edit notifies only people newly mentioned). */
export async function notifiedAbout(q: Queryable, commentId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(`select recipient_id as id from notifications where comment_id = $1`, [commentId])
  return rows.map((r) => r.id)
}

/** A deleted comment takes its notifications with it: they would lead nowhere. */
export async function deleteNotificationsOf(q: Queryable, commentId: string): Promise<void> {
  await q.query(`delete from notifications where comment_id = $1`, [commentId])
}

/** What the recipient can read: spaces, and the workshops they take part in (those workshops' documents). */
type Readable = { networkIds: string[]; cityIds: string[]; workshopIds: string[] }

// Only about documents the recipient can still read: losing a role, or one's place in a workshop, empties that part of the inbox.
const READABLE = `(d.network_id = any($2::uuid[]) or d.city_id = any($3::uuid[])
  or exists (select 1 from workshop_documents w where w.document_id = d.id and w.workshop_id = any($4::uuid[])))`

/** Newest first. */
export async function listNotifications(
  q: Queryable,
  recipientId: string,
  readable: Readable,
  options: { unreadOnly: boolean; limit: number },
): Promise<NotificationRow[]> {
  return q.query<NotificationRow>(
    `select n.id, n.kind, n.document_id as "documentId", d.title as "documentTitle", n.thread_id as "threadId",
       n.comment_id as "commentId", n.submission_id as "submissionId", n.actor_id as "actorId", u.name as "actorName",
       coalesce(c.body, case n.kind when 'submitted' then s.message else s.remarks end, '') as body,
       n.created_at as "createdAt", n.read_at as "readAt"
     from notifications n
       join documents d on d.id = n.document_id
       left join comments c on c.id = n.comment_id
       left join submissions s on s.id = n.submission_id
       left join users u on u.id = n.actor_id
     where n.recipient_id = $1 and ${READABLE} and (not $5 or n.read_at is null)
     order by n.created_at desc, n.id desc limit $6`,
    [recipientId, readable.networkIds, readable.cityIds, readable.workshopIds, options.unreadOnly, options.limit],
  )
}

export async function countUnread(q: Queryable, recipientId: string, readable: Readable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from notifications n join documents d on d.id = n.document_id
     where n.recipient_id = $1 and n.read_at is null and ${READABLE}`,
    [recipientId, readable.networkIds, readable.cityIds, readable.workshopIds],
  )
  return row!.n
}

/** False if there is no such notification for this person. */
export async function markRead(q: Queryable, recipientId: string, id: string): Promise<boolean> {
  const rows = await q.query(`update notifications set read_at = coalesce(read_at, now()) where id = $1 and recipient_id = $2 returning id`, [id, recipientId])
  return rows.length > 0
}

export async function markAllRead(q: Queryable, recipientId: string): Promise<void> {
  await q.query(`update notifications set read_at = now() where recipient_id = $1 and read_at is null`, [recipientId])
}
