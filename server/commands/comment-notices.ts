import type { Queryable } from '../db/db'
import type { CommentRow, ThreadRow } from '../data/comments'
import { threadParticipants } from '../data/comments'
import { addNotifications, notifiedAbout, type NewNotification } from '../data/notifications'
import { readersAmong } from '../data/readers'
import type { DocumentTarget } from '../../shared/policy'
import { networksOfSpace, recipientsByIds, senderOf } from '../data/mail-addressing'
import type { MailQueue } from '../mail/mail'

/**
 * The inbox entries a comment causes, each person at most once per comment: the people it
 * mentions, and for a reply, the thread's author and everyone who wrote in it before. Never
 * the writer; never someone who can no longer read the document; never someone already
 * notified about this comment (an edit only reaches people newly mentioned).
 */
export async function notifyAbout(
  q: Queryable,
  mail: MailQueue,
  c: { document: DocumentTarget & { id: string; title: string }; thread: ThreadRow; comment: CommentRow; isReply: boolean },
): Promise<void> {
  const { thread, comment } = c
  const actorId = comment.authorId!
  const already = new Set(await notifiedAbout(q, comment.id))
  const mentioned = new Set(comment.mentions)
  const participants = c.isReply ? await threadParticipants(q, thread.id) : []
  const candidates = [...new Set([...mentioned, ...participants])].filter((id) => id !== actorId && !already.has(id))
  if (candidates.length === 0) return
  const readers = await readersAmong(q, c.document, candidates)
  const rows = candidates
    .filter((id) => readers.has(id))
    .map(
      (recipientId): NewNotification => ({
        recipientId,
        kind: mentioned.has(recipientId) ? 'mention' : 'reply',
        documentId: thread.documentId,
        threadId: thread.id,
        commentId: comment.id,
        actorId,
      }),
    )
  await addNotifications(q, rows)
  if (mail.enabled) await mailAbout(q, mail, c, rows)
}

/** Each person notified gets a mail too, with the comment itself and a link to its thread. */
async function mailAbout(q: Queryable, mail: MailQueue, c: Parameters<typeof notifyAbout>[2], rows: NewNotification[]): Promise<void> {
  const from = await senderOf(q, c.comment.authorId!)
  const recipients = await recipientsByIds(
    q,
    rows.map((r) => r.recipientId),
  )
  const networkIds = await networksOfSpace(q, c.document.space)
  const link = mail.link(`/documents/${c.document.id}?thread=${c.thread.id}`)
  for (const row of rows) {
    const to = recipients.get(row.recipientId)
    if (!to) continue
    const kind = row.kind === 'mention' ? 'mention' : 'reply'
    await mail.queue(q, to, { kind, from, document: c.document.title, comment: c.comment.body, link }, { networkIds, documentId: c.document.id })
  }
}
