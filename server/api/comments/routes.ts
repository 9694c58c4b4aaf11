import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { commentGone, editComment, removeComment, replyToThread, setThreadResolved, startThread, threadGone } from '../../commands/comments'
import { policyTarget, type DocumentRow } from '../../data/documents'
import { countThreads, getComment, getThread, listThreads, type ThreadRow } from '../../data/comments'
import { authorizeDocument, refuse } from '../access'
import { idParam, validate } from '../validate'
import { presentThreads } from './present'
import { isEncodedPosition } from '../../../shared/anchors'
import { commentRefusal } from '../../../shared/policy'
import { createThreadBody, editCommentBody, replyBody, threadListQuery } from '../../../shared/schemas'
import type { ThreadList, ThreadView } from '../../../shared/api'

/**
 * `/api/documents/:id/comments`: threads anchored on the document's text, their replies,
 * edits, deletions and resolution. Each change is a command (commands/comments.ts), which
 * stores it with its notifications and announces it to the document's live sockets.
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

async function existingThread(c: Context<AppEnv>, doc: DocumentRow): Promise<ThreadRow> {
  const thread = await getThread(c.var.deps.db, doc.id, threadId(c))
  if (!thread) throw threadGone()
  return thread
}

/** The comment named in the path, once the caller may `action` it and the document takes changes. */
async function commentToChange(c: Context<AppEnv>, doc: DocumentRow, action: 'edit' | 'delete', refusal: string) {
  const thread = await existingThread(c, doc)
  const comment = await getComment(c.var.deps.db, thread.id, c.req.param('commentId')!)
  if (!comment) throw commentGone()
  refuse(commentRefusal(requireIdentity(c).actor, action, policyTarget(doc), comment.authorId), refusal)
  return { thread, comment }
}

async function presentOne(c: Context<AppEnv>, doc: DocumentRow, id: string): Promise<ThreadView> {
  const thread = await getThread(c.var.deps.db, doc.id, id)
  if (!thread) throw threadGone()
  return (await presentThreads(c.var.deps, requireIdentity(c).actor, doc, [thread]))[0]!
}

/** Resolving and reopening: the thread's author, a writer of the document, or the secretariat. */
const resolution = (resolve: boolean) => async (c: Context<AppEnv>) => {
  const { actor, user } = requireIdentity(c)
  const doc = await authorizeDocument(c, documentId(c), 'read')
  const thread = await existingThread(c, doc)
  refuse(
    commentRefusal(actor, 'resolve', policyTarget(doc), thread.createdBy),
    `Only the thread’s author, a writer of the document or the secretariat may ${resolve ? 'resolve' : 'reopen'} it`,
  )
  await setThreadResolved(c.var.deps, doc, thread, resolve ? user.id : null)
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
    const { anchor, ...input } = c.req.valid('json')
    const id = await startThread(c.var.deps, user.id, doc, anchor, input)
    c.var.deps.mail.nudge()
    return c.json(await presentOne(c, doc, id), 201)
  })
  .post('/:threadId/replies', idParam('id', 'threadId'), validate('json', replyBody), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'comment')
    await replyToThread(c.var.deps, user.id, doc, threadId(c), c.req.valid('json'))
    c.var.deps.mail.nudge()
    return c.json(await presentOne(c, doc, threadId(c)), 201)
  })
  .patch('/:threadId/comments/:commentId', idParam('id', 'threadId', 'commentId'), validate('json', editCommentBody), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { thread, comment } = await commentToChange(c, doc, 'edit', 'Only its author may edit a comment')
    await editComment(c.var.deps, user.id, doc, thread, comment, c.req.valid('json'))
    c.var.deps.mail.nudge()
    return c.json(await presentOne(c, doc, thread.id))
  })
  .delete('/:threadId/comments/:commentId', idParam('id', 'threadId', 'commentId'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { thread, comment } = await commentToChange(c, doc, 'delete', 'Only its author or the secretariat may delete a comment')
    await removeComment(c.var.deps, doc, thread, comment)
    return c.body(null, 204)
  })
  .post('/:threadId/resolve', idParam('id', 'threadId'), resolution(true))
  .post('/:threadId/reopen', idParam('id', 'threadId'), resolution(false))
