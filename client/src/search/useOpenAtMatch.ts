import type { Editor } from '@tiptap/react'
import { useEffect, useRef } from 'react'
import { useSearchParams } from 'react-router'
import { firstMatch } from './match'

/**
 * A document opened from a search result (`?q=…`) opens at the first match: selected, scrolled
 * into view. Once, when the text has arrived; what the person does next is theirs.
 */
export function useOpenAtMatch(editor: Editor | null, ready: boolean): void {
  const [params] = useSearchParams()
  const query = params.get('q')
  const done = useRef(false)
  useEffect(() => {
    if (!editor || !ready || !query || done.current) return
    done.current = true
    let found: { from: number; to: number } | null = null
    editor.state.doc.descendants((node, pos) => {
      if (found) return false
      if (!node.isText || !node.text) return true
      const match = firstMatch(node.text, query)
      if (match) found = { from: pos + match.index, to: pos + match.index + match.length }
      return false
    })
    if (found) editor.chain().setTextSelection(found).scrollIntoView().run()
  }, [editor, ready, query])
}
