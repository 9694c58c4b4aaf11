import { useState } from 'react'
import type { CommentView, PersonCard, ThreadView } from '../../../shared/api'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { formatDateTime } from '../lib/format'
import { CommentComposer } from './CommentComposer'
import { splitMentions } from './mentions'

type Props = {
  thread: ThreadView
  /** Its words are no longer in the text. */
  detached: boolean
  documentId: string
  people: PersonCard[]
  active: boolean
  onActivate: () => void
  onChanged: () => void
}

/** One thread: its words (if detached), its comments, a reply box, resolve / reopen. */
export function ThreadCard({ thread, detached, documentId, people, active, onActivate, onChanged }: Props) {
  const { t, message } = useI18n()
  const [error, setError] = useState<Message | null>(null)
  const [replying, setReplying] = useState(false)
  const first = thread.comments[0]
  const titleId = `thread-${thread.id}-title`

  async function run(action: () => Promise<unknown>) {
    setError(null)
    try {
      await action()
      onChanged()
    } catch (e) {
      setError(describeError(e))
      throw e
    }
  }

  const toggleResolved = () =>
    run(() => (thread.status === 'open' ? endpoints.resolveThread(documentId, thread.id) : endpoints.reopenThread(documentId, thread.id))).catch(() => {})

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard reaches the same through focus (onFocus), as a click on any of its buttons does
    <article
      id={`thread-${thread.id}`}
      className={['thread-card', active ? 'thread-card-active' : '', thread.status === 'resolved' ? 'thread-card-resolved' : ''].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      data-thread-id={thread.id}
      onClick={onActivate}
      onFocus={onActivate}
    >
      <h3 id={titleId} className="visually-hidden">
        {t('comments.threadBy', { name: first?.author?.name ?? t('comments.formerMember') })}
      </h3>
      {(detached || thread.status === 'resolved') && (
        <p className="thread-flags">
          {detached && <span className="badge badge-warning">{t('comments.detached')}</span>}
          {thread.status === 'resolved' && (
            <span className="badge">{thread.resolvedBy ? t('comments.resolvedBy', { name: thread.resolvedBy.name }) : t('comments.resolved')}</span>
          )}
        </p>
      )}
      <blockquote className="thread-quote">{thread.anchor.quote}</blockquote>
      <ol className="thread-comments">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} documentId={documentId} threadId={thread.id} people={people} run={run} />
        ))}
      </ol>
      {error && <Notice tone="error">{message(error)}</Notice>}
      <div className="thread-footer">
        {thread.allowed.reply && thread.status === 'open' && !replying && (
          <button type="button" className="button button-quiet" onClick={() => setReplying(true)}>
            {t('comments.reply')}
          </button>
        )}
        {thread.allowed.resolve && (
          <button type="button" className="button button-quiet" onClick={() => void toggleResolved()}>
            {thread.status === 'open' ? t('comments.resolve') : t('comments.reopen')}
          </button>
        )}
      </div>
      {replying && (
        <CommentComposer
          label={t('comments.replyLabel')}
          submitLabel={t('comments.send')}
          people={people}
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={(body, mentions) => run(() => endpoints.reply(documentId, thread.id, { body, mentions })).then(() => setReplying(false))}
        />
      )}
    </article>
  )
}

function CommentItem({
  comment,
  documentId,
  threadId,
  people,
  run,
}: {
  comment: CommentView
  documentId: string
  threadId: string
  people: PersonCard[]
  run: (action: () => Promise<unknown>) => Promise<void>
}) {
  const { t, locale } = useI18n()
  const [editing, setEditing] = useState(false)
  const [confirming, setConfirming] = useState(false)

  if (comment.deleted) {
    return <li className="comment comment-deleted muted">{t('comments.deleted')}</li>
  }
  return (
    <li className="comment">
      <p className="comment-meta">
        <strong>{comment.author?.name ?? t('comments.formerMember')}</strong>
        {comment.author?.city && <span className="muted"> · {comment.author.city}</span>}
        <span className="muted">
          {' · '}
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, locale)}</time>
          {comment.editedAt && ` · ${t('comments.edited')}`}
        </span>
      </p>
      {editing ? (
        <CommentComposer
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          initial={comment.body}
          initialMentions={comment.mentions}
          people={people}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={(body, mentions) => run(() => endpoints.editComment(documentId, threadId, comment.id, { body, mentions })).then(() => setEditing(false))}
        />
      ) : (
        <p className="comment-body">
          {splitMentions(comment.body, comment.mentions).map((part, i) =>
            part.mention ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one comment's text, in order, with no state of their own
              <span key={i} className="mention">
                {part.text}
              </span>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
      {!editing && (comment.allowed.edit || comment.allowed.delete) && (
        <p className="comment-tools">
          {comment.allowed.edit && (
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t('comments.edit')}
            </button>
          )}
          {comment.allowed.delete &&
            (confirming ? (
              <>
                <span role="status">{t('comments.confirmDelete')}</span>{' '}
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => void run(() => endpoints.deleteComment(documentId, threadId, comment.id)).catch(() => {})}
                >
                  {t('comments.delete')}
                </button>{' '}
                <button type="button" className="link-button" onClick={() => setConfirming(false)}>
                  {t('comments.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="link-button" onClick={() => setConfirming(true)}>
                {t('comments.delete')}
              </button>
            ))}
        </p>
      )}
    </li>
  )
}
