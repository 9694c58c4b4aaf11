import type { Editor } from '@tiptap/react'
import { type Dispatch, type ReactNode, type SetStateAction, useCallback, useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { Dialog } from '../components/Dialog'
import { useI18n } from '../i18n/useI18n'
import { CommentsPanel } from './CommentsPanel'
import { ThreadCard } from './ThreadCard'
import type { useDocumentComments } from './useDocumentComments'
import { useThreadClicks } from './useThreadClicks'

/** What the sheet shows: one thread, or the whole panel (with the comment being written, if any). */
export type CommentsView = { thread: string | null }

type Props = {
  editor: Editor
  documentId: string
  userId: string
  comments: ReturnType<typeof useDocumentComments>
  view: CommentsView | null
  onView: Dispatch<SetStateAction<CommentsView | null>>
  /** The pending suggestions' cards, shown above the comments. */
  suggestions?: ReactNode
}

/**
 * The comments on a phone or a tablet, where no column fits beside the text: a sheet rising from
 * the bottom. Tapping highlighted words opens it on their thread (for someone who writes, the tap
 * puts the caret there and a « Voir le commentaire » button opens it); the comments button on the
 * whole panel; « Commenter » on the box to write in; a notification's link (`?thread=`) on its thread.
 */
export function CommentsSheet({ editor, documentId, userId, comments, view, onView, suggestions }: Props) {
  const { t } = useI18n()
  const { list, draft, activate, finishDraft } = comments
  const [params] = useSearchParams()
  const wanted = params.get('thread')
  const loaded = list !== null

  const openThread = useCallback(
    (threadId: string) => {
      activate(threadId)
      onView({ thread: threadId })
      // The words stay in sight above the sheet, which covers the lower part of the screen.
      const mark = editor.view.dom.querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)
      const top = mark?.getBoundingClientRect().top ?? 0
      if (top > window.innerHeight * 0.3) window.scrollBy({ top: top - window.innerHeight * 0.2 })
    },
    [editor, activate, onView],
  )
  // A writer's tap is for the caret: the sheet would cover the words. Their thread waits one tap away.
  const [peek, setPeek] = useState<string | null>(null)
  const onTap = useCallback(
    (threadId: string) => {
      if (!editor.isEditable) return openThread(threadId)
      activate(threadId)
      setPeek(threadId)
    },
    [editor, activate, openThread],
  )
  const clearPeek = useCallback(() => setPeek(null), [])
  useThreadClicks(editor, onTap, clearPeek)

  useEffect(() => {
    if (draft) onView({ thread: null })
  }, [draft, onView])

  useEffect(() => {
    if (wanted && loaded) onView({ thread: wanted })
  }, [wanted, loaded, onView])

  function close() {
    onView(null)
    // A comment half written stays, for the comments button to bring back; an empty one goes.
    if (draft && !draft.typed.current.trim()) finishDraft(null)
    // Closed, no thread is selected: nor should the address bring it back.
    activate(null)
  }

  const thread = view?.thread ? list?.threads.find((th) => th.id === view.thread) : undefined
  return (
    <>
      {peek && view === null && (
        <button
          type="button"
          className="button button-small thread-peek"
          onClick={() => {
            setPeek(null)
            openThread(peek)
          }}
        >
          {t('compact.openThread')}
        </button>
      )}
      <Dialog sheet open={view !== null} onClose={close} title={t('comments.title')}>
        {thread ? (
          <>
            <ThreadCard
              thread={thread}
              detached={thread.detached}
              documentId={documentId}
              people={comments.people}
              active
              onActivate={() => {}}
              onChanged={comments.reload}
            />
            <button type="button" className="button button-quiet sheet-more" onClick={() => onView({ thread: null })}>
              {t('compact.allComments')} ({list?.counts.open ?? 0})
            </button>
          </>
        ) : (
          <>
            {suggestions}
            <CommentsPanel
              editor={editor}
              documentId={documentId}
              userId={userId}
              list={list}
              error={comments.error}
              people={comments.people}
              draft={draft}
              onDraftDone={(threadId) => {
                finishDraft(threadId)
                // The new thread, unless the sheet was closed while it was being sent.
                onView((open) => (open && threadId ? { thread: threadId } : null))
              }}
              active={comments.active}
              onActivate={activate}
              onChanged={comments.reload}
            />
          </>
        )}
      </Dialog>
    </>
  )
}
