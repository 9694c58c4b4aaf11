import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import type { PersonCard } from '../../../shared/api'
import type { WebsocketProvider } from 'y-websocket'
import { withoutSplitMarkers } from '../../../shared/suggestions'
import { endpoints } from '../api'
import { anchorOfRange, selectedRange } from './anchoring'
import type { Draft } from './CommentsPanel'
import { setHighlights } from './highlights'
import { isCommentShortcut } from './shortcut'
import { useComments } from './useComments'

/**
 * Everything the document screen needs for comments: the threads (live), who can be
 * mentioned, the highlighted and selected thread, and the thread being written.
 * `?thread=<id>` (where notifications lead) selects that thread and brings it into view.
 */
export function useDocumentComments(editor: Editor | null, documentId: string, provider: WebsocketProvider, canComment: boolean) {
  const { list, error, reload } = useComments(documentId, provider)
  const [people, setPeople] = useState<PersonCard[]>([])
  const [draft, setDraft] = useState<Draft | null>(null)
  const [params, setParams] = useSearchParams()
  const [active, setActive] = useState<string | null>(params.get('thread'))

  useEffect(() => {
    if (!canComment) return
    const controller = new AbortController()
    endpoints
      .mentionable(documentId, { signal: controller.signal })
      .then((r) => setPeople(r.people))
      .catch(() => setPeople([]))
    return () => controller.abort()
  }, [documentId, canComment])

  // Open threads are highlighted; resolved ones leave the text clean, as in Google Docs.
  useEffect(() => {
    if (!editor || !list) return
    const threads = list.threads.filter((th) => th.status === 'open').map((th) => ({ id: th.id, anchor: th.anchor }))
    editor.view.dispatch(setHighlights(editor.state.tr, { threads }))
  }, [editor, list])

  useEffect(() => {
    if (editor) editor.view.dispatch(setHighlights(editor.state.tr, { active }))
  }, [editor, active])

  // A thread named in the address: bring its card into view once the threads are there.
  const wanted = params.get('thread')
  useEffect(() => {
    if (!wanted || !list) return
    setActive(wanted)
    requestAnimationFrame(() => document.getElementById(`thread-${wanted}`)?.scrollIntoView({ block: 'center' }))
  }, [wanted, list])

  const activate = useCallback(
    (threadId: string | null) => {
      setActive(threadId)
      if (params.has('thread')) setParams((p) => (p.delete('thread'), p), { replace: true })
    },
    [params, setParams],
  )

  // The selected words, or a given range (« Discuter » on a suggestion).
  const startDraft = useCallback(
    (given?: { from: number; to: number }) => {
      if (!editor || !canComment) return
      const range = given ?? selectedRange(editor.view)
      if (!range) return
      const anchor = anchorOfRange(editor.state, range)
      if (!anchor) return
      const quote = withoutSplitMarkers(editor.state.doc.textBetween(range.from, range.to, ' ', ' '))
      setDraft({ anchor, quote, from: range.from, typed: { current: '' } })
    },
    [editor, canComment],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isCommentShortcut(e)) return
      e.preventDefault()
      startDraft()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [startDraft])

  const finishDraft = useCallback((threadId: string | null) => {
    setDraft(null)
    if (threadId) setActive(threadId)
  }, [])

  return { list, error, reload, people, draft, startDraft, finishDraft, active, activate }
}
