import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { policyTarget, type DocumentRow } from '../../data/documents'
import {
  addComment,
  countThreads,
  createThread,
  deleteComment,
  deleteThreadIfEmpty,
  editComment,
  getComment,
  getThread,
  listThreads,
  setResolved,
  type ThreadRow,
} from '../../data/comments'
import { deleteNotificationsOf } from '../../data/notifications'
import { authorizeDocument, refuse } from '../access'
import { notFound } from '../errors'
import { idParam, validate } from '../validate'
import { checkMentions } from './mentions'
import { notifyAbout } from './notify'
import { presentThreads } from './present'
import { isEncodedPosition } from '../../../shared/anchors'
import { commentRefusal } from '../../../shared/policy'
import { createThreadBody, editCommentBody, replyBody, threadListQuery } from '../../../shared/schemas'
import type { CommentChange } from '../../../shared/collab'
import type { ThreadList, ThreadView } from '../../../shared/api'

/**
 * `/api/documents/:id/comments`: threads anchored on the document's text, their replies,
 * edits, deletions and resolution. Every change is announced to the document's live sockets.
 */

// The shared schema checks the positions' format; here they must also decode (that needs Yjs).
const createThreadRequest = createThreadBody.superRefine((body, ctx) => {
  for (const end of ['start', 'end'] as const) {
    if (!isEncodedPosition(body.anchor[end])) {
      ctx.addIssue({ code: 'custom', path: ['anchor', end], message: 'not a Yjs relative position in the document content' })
    }
  }
})

const documentId = (c: Context<AppEnv>) => c.req.param('id')!
const threadId = (c: Context<AppEnv>) => c.req.param('threadId')!

const threadGone = () => notFound('No such thread: it may have been deleted')

async function existingThread(c: Context<AppEnv>, doc: DocumentRow): Promise<ThreadRow> {
  const thread = await getThread(c.var.deps.db, doc.id, threadId(c))
  if (!thread) throw threadGone()
  return thread
}

/** The comment named in the path, once the caller may `action` it and the document takes changes. */
async function commentToChange(c: Context<AppEnv>, doc: DocumentRow, action: 'edit' | 'delete', refusal: string) {
  const thread = await existingThread(c, doc)
  const comment = await getComment(c.var.deps.db, thread.id, c.req.param('commentId')!)
  if (!comment) throw notFound('No such comment: it may have been deleted')
  refuse(commentRefusal(requireIdentity(c).actor, action, policyTarget(doc), comment.authorId), refusal)
  return { thread, comment }
}

async function presentOne(c: Context<AppEnv>, doc: DocumentRow, id: string): Promise<ThreadView> {
  const thread = await getThread(c.var.deps.db, doc.id, id)
  if (!thread) throw threadGone()
  return (await presentThreads(c.var.deps, requireIdentity(c).actor, doc, [thread]))[0]!
}

const announce = (c: Context<AppEnv>, doc: DocumentRow, id: string, change: CommentChange) => c.var.deps.hub.commentsChanged(doc.id, { threadId: id, change })

/** Resolving and reopening: the thread's author, a writer of the document, or the secretariat. */
const resolution = (resolve: boolean) => async (c: Context<AppEnv>) => {
  const { actor, user } = requireIdentity(c)
  const doc = await authorizeDocument(c, documentId(c), 'read')
  const thread = await existingThread(c, doc)
  refuse(
    commentRefusal(actor, 'resolve', policyTarget(doc), thread.createdBy),
    `Only the thread’s author, a writer of the document or the secretariat may ${resolve ? 'resolve' : 'reopen'} it`,
  )
  await setResolved(c.var.deps.db, thread.id, resolve ? user.id : null)
  announce(c, doc, thread.id, resolve ? 'resolved' : 'reopened')
  return c.json(await presentOne(c, doc, thread.id))
}

export const commentRoutes = new Hono<AppEnv>()
  .get('/', idParam('id'), validate('query', threadListQuery), async (c) => {
    const { actor, user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { status, mine } = c.req.valid('query')
    const { db } = c.var.deps
    const threads = await listThreads(db, doc.id, { status, participant: mine ? user.id : undefined })
    const body: ThreadList = { threads: await presentThreads(c.var.deps, actor, doc, threads), counts: await countThreads(db, doc.id) }
    return c.json(body)
  })
  .post('/', idParam('id'), validate('json', createThreadRequest), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'comment')
    const { anchor, body, mentions } = c.req.valid('json')
    const { db } = c.var.deps
    await checkMentions(db, doc.space, mentions)
    const thread = await db.transaction(async (tx) => {
      const thread = await createThread(tx, { documentId: doc.id, anchorStart: anchor.start, anchorEnd: anchor.end, quote: anchor.quote, createdBy: user.id })
      const comment = await addComment(tx, { threadId: thread.id, authorId: user.id, body, mentions })
      await notifyAbout(tx, { space: doc.space, thread, comment, isReply: false })
      return thread
    })
    announce(c, doc, thread.id, 'created')
    return c.json(await presentOne(c, doc, thread.id), 201)
  })
  .post('/:threadId/replies', idParam('id', 'threadId'), validate('json', replyBody), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'comment')
    const { body, mentions } = c.req.valid('json')
    const { db } = c.var.deps
    await checkMentions(db, doc.space, mentions)
    await db.transaction(async (tx) => {
      // Locked, so a reply cannot land on a thread whose last comment is being deleted.
      const thread = await getThread(tx, doc.id, threadId(c), true)
      if (!thread) throw threadGone()
      const comment = await addComment(tx, { threadId: thread.id, authorId: user.id, body, mentions })
      await notifyAbout(tx, { space: doc.space, thread, comment, isReply: true })
    })
    announce(c, doc, threadId(c), 'replied')
    return c.json(await presentOne(c, doc, threadId(c)), 201)
  })
  .patch('/:threadId/comments/:commentId', idParam('id', 'threadId', 'commentId'), validate('json', editCommentBody), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { db } = c.var.deps
    const { thread, comment } = await commentToChange(c, doc, 'edit', 'Only its author may edit a comment')
    const body = c.req.valid('json')
    const mentions = body.mentions ?? comment.mentions
    // Only people added now are checked: one who lost access since must not block fixing a typo.
    await checkMentions(
      db,
      doc.space,
      mentions.filter((id) => !comment.mentions.includes(id)),
    )
    await db.transaction(async (tx) => {
      const locked = await getThread(tx, doc.id, thread.id, true)
      if (!locked || !(await getComment(tx, thread.id, comment.id))) throw notFound('No such comment: it may have been deleted')
      const edited = await editComment(tx, comment.id, body.body, mentions)
      await notifyAbout(tx, { space: doc.space, thread: locked, comment: edited, isReply: false })
    })
    announce(c, doc, thread.id, 'edited')
    return c.json(await presentOne(c, doc, thread.id))
  })
  .delete('/:threadId/comments/:commentId', idParam('id', 'threadId', 'commentId'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { thread, comment } = await commentToChange(c, doc, 'delete', 'Only its author or the secretariat may delete a comment')
    await c.var.deps.db.transaction(async (tx) => {
      if (!(await getThread(tx, doc.id, thread.id, true))) throw threadGone()
      await deleteComment(tx, comment.id)
      await deleteNotificationsOf(tx, comment.id)
      // The last comment takes the thread with it.
      await deleteThreadIfEmpty(tx, thread.id)
    })
    announce(c, doc, thread.id, 'deleted')
    return c.body(null, 204)
  })
  .post('/:threadId/resolve', idParam('id', 'threadId'), resolution(true))
  .post('/:threadId/reopen', idParam('id', 'threadId'), resolution(false))
