import type { Queryable } from '../db/db'
import type { ThreadStatus } from '../../shared/domain'

/** Comment threads and their comments. Deleted ones stay as rows (soft delete) and leave every list. */

export type ThreadRow = {
  id: string
  documentId: string
  anchorStart: string
  anchorEnd: string
  quote: string
  createdBy: string | null
  createdAt: Date
  resolvedBy: string | null
  resolvedAt: Date | null
}

export type CommentRow = {
  id: string
  threadId: string
  authorId: string | null
  body: string
  mentions: string[]
  createdAt: Date
  editedAt: Date | null
  deletedAt: Date | null
}

const THREAD_COLUMNS = `t.id, t.document_id as "documentId", t.anchor_start as "anchorStart", t.anchor_end as "anchorEnd",
  t.quote, t.created_by as "createdBy", t.created_at as "createdAt", t.resolved_by as "resolvedBy", t.resolved_at as "resolvedAt"`
// uuid[] read back as text[], which both drivers turn into a string array.
const COMMENT_COLUMNS = `c.id, c.thread_id as "threadId", c.author_id as "authorId", c.body, c.mentions::text[] as mentions,
  c.created_at as "createdAt", c.edited_at as "editedAt", c.deleted_at as "deletedAt"`

export async function createThread(
  q: Queryable,
  t: { documentId: string; anchorStart: string; anchorEnd: string; quote: string; createdBy: string },
): Promise<ThreadRow> {
  const [row] = await q.query<ThreadRow>(
    `insert into comment_threads as t (document_id, anchor_start, anchor_end, quote, created_by)
     values ($1, $2, $3, $4, $5) returning ${THREAD_COLUMNS}`,
    [t.documentId, t.anchorStart, t.anchorEnd, t.quote, t.createdBy],
  )
  return row!
}

/**
 * A live thread of this document (a thread id from another document is not found). `lock`
 * holds it until the transaction ends, so a reply cannot land on a thread being deleted.
 */
export async function getThread(q: Queryable, documentId: string, threadId: string, lock = false): Promise<ThreadRow | null> {
  const rows = await q.query<ThreadRow>(
    `select ${THREAD_COLUMNS} from comment_threads t
     where t.id = $1 and t.document_id = $2 and t.deleted_at is null ${lock ? 'for update' : ''}`,
    [threadId, documentId],
  )
  return rows[0] ?? null
}

/** Live threads, oldest first; `participant` keeps those they started or wrote in. */
export async function listThreads(q: Queryable, documentId: string, filter: { status?: ThreadStatus; participant?: string } = {}): Promise<ThreadRow[]> {
  return q.query<ThreadRow>(
    `select ${THREAD_COLUMNS} from comment_threads t
     where t.document_id = $1 and t.deleted_at is null
       and ($2::text is null or ($2 = 'open') = (t.resolved_at is null))
       and ($3::uuid is null or t.created_by = $3 or exists (
         select 1 from comments c where c.thread_id = t.id and c.author_id = $3 and c.deleted_at is null))
     order by t.created_at, t.id`,
    [documentId, filter.status ?? null, filter.participant ?? null],
  )
}

export async function countThreads(q: Queryable, documentId: string): Promise<{ open: number; resolved: number }> {
  const [row] = await q.query<{ open: number; resolved: number }>(
    `select count(*) filter (where resolved_at is null)::int as open, count(*) filter (where resolved_at is not null)::int as resolved
     from comment_threads where document_id = $1 and deleted_at is null`,
    [documentId],
  )
  return row!
}

/** Resolves (with who did it) or reopens (null); resolving twice keeps the first resolution. */
export async function setResolved(q: Queryable, threadId: string, by: string | null): Promise<void> {
  await q.query(
    by === null
      ? `update comment_threads set resolved_at = null, resolved_by = null where id = $1`
      : `update comment_threads set resolved_at = coalesce(resolved_at, now()), resolved_by = case when resolved_at is null then $2::uuid else resolved_by end where id = $1`,
    by === null ? [threadId] : [threadId, by],
  )
}

/** Deletes the thread once none of its comments is left; true if it did. */
export async function deleteThreadIfEmpty(q: Queryable, threadId: string): Promise<boolean> {
  const rows = await q.query(
    `update comment_threads t set deleted_at = now()
     where t.id = $1 and t.deleted_at is null
       and not exists (select 1 from comments c where c.thread_id = t.id and c.deleted_at is null)
     returning t.id`,
    [threadId],
  )
  return rows.length > 0
}

export async function addComment(q: Queryable, c: { threadId: string; authorId: string; body: string; mentions: string[] }): Promise<CommentRow> {
  const [row] = await q.query<CommentRow>(
    `insert into comments as c (thread_id, author_id, body, mentions) values ($1, $2, $3, $4::uuid[]) returning ${COMMENT_COLUMNS}`,
    [c.threadId, c.authorId, c.body, c.mentions],
  )
  return row!
}

/** A comment of this thread that is not deleted. */
export async function getComment(q: Queryable, threadId: string, commentId: string): Promise<CommentRow | null> {
  const rows = await q.query<CommentRow>(`select ${COMMENT_COLUMNS} from comments c where c.id = $1 and c.thread_id = $2 and c.deleted_at is null`, [
    commentId,
    threadId,
  ])
  return rows[0] ?? null
}

/** Every comment of the given threads, deleted ones included (they keep their place), oldest first. */
export async function listComments(q: Queryable, threadIds: string[]): Promise<CommentRow[]> {
  if (threadIds.length === 0) return []
  return q.query<CommentRow>(`select ${COMMENT_COLUMNS} from comments c where c.thread_id = any($1::uuid[]) order by c.created_at, c.id`, [threadIds])
}

export async function editComment(q: Queryable, id: string, body: string, mentions: string[]): Promise<CommentRow> {
  const [row] = await q.query<CommentRow>(
    `update comments c set body = $2, mentions = $3::uuid[], edited_at = now() where c.id = $1 returning ${COMMENT_COLUMNS}`,
    [id, body, mentions],
  )
  return row!
}

/** The text and mentions go; the row stays so the thread still reads in order. */
export async function deleteComment(q: Queryable, id: string): Promise<void> {
  await q.query(`update comments set body = '', mentions = '{}', deleted_at = now() where id = $1 and deleted_at is null`, [id])
}

/** Who started the thread and who wrote in it (not deleted), each once. */
export async function threadParticipants(q: Queryable, threadId: string): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(
    `select created_by as "userId" from comment_threads where id = $1 and created_by is not null
     union
     select author_id from comments where thread_id = $1 and author_id is not null and deleted_at is null`,
    [threadId],
  )
  return rows.map((r) => r.userId)
}
