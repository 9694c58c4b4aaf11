import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'
import { useI18n } from '../i18n/useI18n'
import { CommentIcon } from './CommentIcon'
import { COMMENT_SHORTCUT_LABEL } from './shortcut'
import { selectedRange } from './anchoring'

/**
 * "Comment" beside the selected words, in the margin, as in Google Docs. Shown to everyone
 * who may comment, whether or not they may edit the text.
 */
export function AddCommentButton({ editor, onComment }: { editor: Editor; onComment: () => void }) {
  const { t } = useI18n()
  const [top, setTop] = useState<number | null>(null)

  useEffect(() => {
    let frame = 0
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const range = selectedRange(editor.view)
        const host = editor.view.dom.closest('.editor-main')
        if (!range || !host) return setTop(null)
        setTop(editor.view.coordsAtPos(range.from).top - host.getBoundingClientRect().top)
      })
    }
    const doc = editor.view.dom.ownerDocument
    doc.addEventListener('selectionchange', update)
    editor.on('selectionUpdate', update)
    editor.on('transaction', update)
    return () => {
      cancelAnimationFrame(frame)
      doc.removeEventListener('selectionchange', update)
      editor.off('selectionUpdate', update)
      editor.off('transaction', update)
    }
  }, [editor])

  if (top === null) return null
  return (
    <button
      type="button"
      className="add-comment"
      style={{ top }}
      title={`${t('comments.add')} (${COMMENT_SHORTCUT_LABEL})`}
      // Keep the selection: a click must not take the focus from the text first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onComment}
    >
      <CommentIcon plus />
      <span>{t('comments.add')}</span>
    </button>
  )
}
