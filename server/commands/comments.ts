import type { Db } from '../db/db'
import {
  addComment,
  createThread,
  deleteComment,
  deleteThreadIfEmpty,
  editComment as storeEdit,
  getComment,
  getThread,
  setResolved,
  type CommentRow,
  type ThreadRow,
} from '../data/comments'
import { policyTarget, type DocumentRow } from '../data/documents'
import { deleteNotificationsOf } from '../data/notifications'
import { notFound } from '../errors'
import type { CommentChange } from '../../shared/collab'
import { notifyAbout } from './comment-notices'
import type { MailQueue } from '../mail/mail'
import { checkMentions } from './mentions'

/**
 * What happens to comment threads, each in one transaction: the comment, the inbox entries it
 * causes, then the announcement to the document's live sockets (on every instance). The caller
 * has checked that the person may do it (shared/policy.ts); a mention of someone who cannot read
 * the document refuses the whole (422).
 */

export type CommentDeps = {
  db: Db
  hub: { commentsChanged(documentId: string, change: { threadId: string; change: CommentChange }): void }
  mail: MailQueue
}

/** The document as its notices name it. */
const noticeTarget = (doc: DocumentRow) => ({ ...policyTarget(doc), id: doc.id, title: doc.title })

export type Anchor = { start: string; end: string; quote: string }
export type CommentInput = { body: string; mentions: string[] }

export const threadGone = () => notFound('No such thread: it may have been deleted')
export const commentGone = () => notFound('No such comment: it may have been deleted')

/** A new thread on the words `anchor` covers, with its first comment. Returns the thread's id. */
export async function startThread(deps: CommentDeps, userId: string, doc: DocumentRow, anchor: Anchor, input: CommentInput): Promise<string> {
  await checkMentions(deps.db, userId, policyTarget(doc), input.mentions)
  const thread = await deps.db.transaction(async (tx) => {
    const thread = await createThread(tx, { documentId: doc.id, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, createdBy: userId })
    const comment = await addComment(tx, { threadId: thread.id, authorId: userId, ...input })
    await notifyAbout(tx, deps.mail, { document: noticeTarget(doc), thread, comment, isReply: false })
    return thread
  })
  deps.hub.commentsChanged(doc.id, { threadId: thread.id, change: 'created' })
  return thread.id
}

export async function replyToThread(deps: CommentDeps, userId: string, doc: DocumentRow, threadId: string, input: CommentInput): Promise<void> {
  await checkMentions(deps.db, userId, policyTarget(doc), input.mentions)
  await deps.db.transaction(async (tx) => {
    // Locked, so a reply cannot land on a thread whose last comment is being deleted.
    const thread = await getThread(tx, doc.id, threadId, true)
    if (!thread) throw threadGone()
    const comment = await addComment(tx, { threadId: thread.id, authorId: userId, ...input })
    await notifyAbout(tx, deps.mail, { document: noticeTarget(doc), thread, comment, isReply: true })
  })
  deps.hub.commentsChanged(doc.id, { threadId, change: 'replied' })
}

/** New text (and mentions, by default the same): people newly mentioned are notified. */
export async function editComment(
  deps: CommentDeps,
  userId: string,
  doc: DocumentRow,
  thread: ThreadRow,
  comment: CommentRow,
  input: { body: string; mentions?: string[] },
): Promise<void> {
  const mentions = input.mentions ?? comment.mentions
  // Only people added now are checked: one who lost access since must not block fixing a typo.
  await checkMentions(
    deps.db,
    userId,
    policyTarget(doc),
    mentions.filter((id) => !comment.mentions.includes(id)),
  )
  await deps.db.transaction(async (tx) => {
    const locked = await getThread(tx, doc.id, thread.id, true)
    if (!locked || !(await getComment(tx, thread.id, comment.id))) throw commentGone()
    const edited = await storeEdit(tx, comment.id, input.body, mentions)
    await notifyAbout(tx, deps.mail, { document: noticeTarget(doc), thread: locked, comment: edited, isReply: false })
  })
  deps.hub.commentsChanged(doc.id, { threadId: thread.id, change: 'edited' })
}

/** The comment and what it notified; the last comment of a thread takes the thread with it. */
export async function removeComment(deps: CommentDeps, doc: DocumentRow, thread: ThreadRow, comment: CommentRow): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await getThread(tx, doc.id, thread.id, true))) throw threadGone()
    await deleteComment(tx, comment.id)
    await deleteNotificationsOf(tx, comment.id)
    await deleteThreadIfEmpty(tx, thread.id)
  })
  deps.hub.commentsChanged(doc.id, { threadId: thread.id, change: 'deleted' })
}

/** Resolved by `userId`, or reopened (`userId` null). */
export async function setThreadResolved(deps: CommentDeps, doc: DocumentRow, thread: ThreadRow, userId: string | null): Promise<void> {
  await setResolved(deps.db, thread.id, userId)
  deps.hub.commentsChanged(doc.id, { threadId: thread.id, change: userId ? 'resolved' : 'reopened' })
}
