import type { AppDeps } from '../../context'
import { policyTarget, type DocumentRow } from '../../data/documents'
import { listComments, type CommentRow, type ThreadRow } from '../../data/comments'
import { describePeople } from '../../data/people'
import { can, canOnComment } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import type { CommentView, PersonCard, ThreadView } from '../../../shared/api'

const iso = (d: Date | string) => new Date(d).toISOString()

/**
 * Threads as the API shows them: their comments, people's names and cities, whether their
 * words are still in the document, and what the caller may do with each. A fixed number of
 * queries whatever the number of threads.
 */
export async function presentThreads(
  deps: Pick<AppDeps, 'db' | 'documentReader'>,
  actor: Actor,
  doc: DocumentRow,
  threads: ThreadRow[],
): Promise<ThreadView[]> {
  if (threads.length === 0) return []
  const comments = await listComments(
    deps.db,
    threads.map((t) => t.id),
  )
  const people = await describePeople(
    deps.db,
    [...threads.flatMap((t) => [t.createdBy, t.resolvedBy]), ...comments.flatMap((c) => [c.authorId, ...c.mentions])].filter((id): id is string => id !== null),
    doc.space,
  )
  const card = (id: string | null): PersonCard | null => (id === null ? null : (people.get(id) ?? null))
  const resolved = await deps.documentReader.read(doc.id, {
    kind: 'anchors',
    anchors: threads.map((t) => ({ start: t.anchorStart, end: t.anchorEnd })),
  })
  const target = policyTarget(doc)
  const byThread = new Map<string, CommentRow[]>()
  for (const c of comments) {
    const list = byThread.get(c.threadId)
    if (list) list.push(c)
    else byThread.set(c.threadId, [c])
  }

  const presentComment = (c: CommentRow): CommentView => ({
    id: c.id,
    author: card(c.authorId),
    body: c.body,
    mentions: c.mentions.map(card).filter((p): p is PersonCard => p !== null),
    createdAt: iso(c.createdAt),
    editedAt: c.editedAt === null ? null : iso(c.editedAt),
    deleted: c.deletedAt !== null,
    allowed: {
      edit: c.deletedAt === null && canOnComment(actor, 'edit', target, c.authorId),
      delete: c.deletedAt === null && canOnComment(actor, 'delete', target, c.authorId),
    },
  })

  return threads.map(
    (t, i): ThreadView => ({
      id: t.id,
      documentId: t.documentId,
      anchor: { start: t.anchorStart, end: t.anchorEnd, quote: t.quote },
      status: t.resolvedAt === null ? 'open' : 'resolved',
      detached: resolved[i] === null,
      createdBy: card(t.createdBy),
      createdAt: iso(t.createdAt),
      resolvedBy: card(t.resolvedBy),
      resolvedAt: t.resolvedAt === null ? null : iso(t.resolvedAt),
      comments: (byThread.get(t.id) ?? []).map(presentComment),
      allowed: {
        reply: can(actor, 'comment', target),
        resolve: canOnComment(actor, 'resolve', target, t.createdBy),
      },
    }),
  )
}
