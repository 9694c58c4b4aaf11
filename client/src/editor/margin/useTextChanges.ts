import type { Editor } from '@tiptap/react'
import { useEffect, useState } from 'react'

/**
 * Re-renders the caller when the words may have moved: edits (anyone's) and resizes of the text.
 * At most once a frame. For what reads positions from the editor while rendering (Margin's cards).
 */
export function useTextChanges(editor: Editor): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    let frame = 0
    const bump = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setTick((n) => n + 1))
    }
    editor.on('transaction', bump)
    const observer = new ResizeObserver(bump)
    observer.observe(editor.view.dom)
    return () => {
      cancelAnimationFrame(frame)
      editor.off('transaction', bump)
      observer.disconnect()
    }
  }, [editor])
}
