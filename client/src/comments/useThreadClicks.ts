import type { Editor } from '@tiptap/react'
import { useEffect } from 'react'

/**
 * Calls `onThread` with the thread whose highlighted words were clicked or tapped in the text,
 * and `onElsewhere` (if given) after a click on other words.
 */
export function useThreadClicks(editor: Editor, onThread: (threadId: string) => void, onElsewhere?: () => void): void {
  useEffect(() => {
    const dom = editor.view.dom
    const onClick = (e: MouseEvent) => {
      const mark = (e.target as HTMLElement).closest<HTMLElement>('[data-thread-id]')
      if (mark?.dataset.threadId) onThread(mark.dataset.threadId)
      else onElsewhere?.()
    }
    dom.addEventListener('click', onClick)
    return () => dom.removeEventListener('click', onClick)
  }, [editor, onThread, onElsewhere])
}
