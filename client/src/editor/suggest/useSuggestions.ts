import type { Editor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type { PersonCard } from '../../../../shared/api'
import type { PresenceUser } from '../../../../shared/collab'
import { type PendingSuggestion, pendingSuggestions } from '../../../../shared/suggestions'
import { endpoints } from '../../api'
import { setSuggestionDisplay } from './SuggestionDisplay'

export type Author = { name: string; city: string | null }

/**
 * The pending suggestions of the open document, read from the live text (so they follow every
 * edit at once), with their authors' names: from the review API, the people who may be
 * mentioned, and who is here now. Which card is selected, and clicks on suggested text.
 */
export function useSuggestions(editor: Editor | null, documentId: string, provider: WebsocketProvider, me: PersonCard, people: PersonCard[]) {
  const [pending, setPending] = useState<PendingSuggestion[]>([])
  const [fetched, setFetched] = useState<Map<string, Author>>(new Map())
  const [present, setPresent] = useState<Map<string, Author>>(new Map())
  const [active, setActive] = useState<string | null>(null)

  useEffect(() => {
    if (!editor) return
    let frame = 0
    const read = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setPending((before) => sameSuggestions(before, pendingSuggestions(editor.state.doc))))
    }
    read()
    editor.on('update', read)
    return () => {
      cancelAnimationFrame(frame)
      editor.off('update', read)
    }
  }, [editor])

  useEffect(() => {
    const read = () => {
      const found = new Map<string, Author>()
      for (const [clientId, state] of provider.awareness.getStates()) {
        // One's own state is what this page set, without the city the server stamps for others.
        if (clientId === provider.awareness.clientID) continue
        const user = (state as { user?: Partial<PresenceUser> }).user
        if (user?.id && user.name) found.set(user.id, { name: user.name, city: user.city ?? null })
      }
      setPresent(found)
    }
    read()
    provider.awareness.on('change', read)
    return () => provider.awareness.off('change', read)
  }, [provider])

  // Those the server named come first; then who is here now, then who may be mentioned.
  const known = useMemo(() => {
    const all = new Map<string, Author>(fetched)
    for (const [id, author] of present) if (!all.has(id)) all.set(id, author)
    for (const person of people) if (!all.has(person.id)) all.set(person.id, { name: person.name, city: person.city })
    return all
  }, [fetched, present, people])
  // Oneself, until the server says which city one speaks for here.
  const names = useMemo(() => (known.has(me.id) ? known : new Map(known).set(me.id, { name: me.name, city: me.city })), [known, me])

  // Someone nobody here knows yet (an author who left, not among those one may mention, or
  // oneself, whose city only the server knows): ask the server, once per person.
  const asked = useRef(new Set<string>())
  const unknown = pending.map((s) => s.authorId).filter((id) => !known.has(id) && !asked.current.has(id))
  const unknownKey = [...new Set(unknown)].sort().join(',')
  useEffect(() => {
    if (!unknownKey) return
    for (const id of unknownKey.split(',')) asked.current.add(id)
    const controller = new AbortController()
    endpoints
      .suggestions(documentId, { signal: controller.signal })
      .then(({ suggestions }) =>
        setFetched((before) => {
          const next = new Map(before)
          for (const s of suggestions) next.set(s.author.id, { name: s.author.name, city: s.author.city })
          return next
        }),
      )
      // Names are a comfort: without them the card says "someone".
      .catch(() => {})
    return () => controller.abort()
  }, [documentId, unknownKey])

  // The titles of suggested text name their authors: redraw them when names arrive.
  // biome-ignore lint/correctness/useExhaustiveDependencies: names are read by the display's describe, through the editor
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(setSuggestionDisplay(editor.state.tr, { refresh: true }))
  }, [editor, names])

  const activate = useCallback(
    (id: string | null) => {
      setActive(id)
      if (editor && !editor.isDestroyed) editor.view.dispatch(setSuggestionDisplay(editor.state.tr, { active: id }))
    },
    [editor],
  )

  // Clicking suggested text selects its card.
  useEffect(() => {
    if (!editor) return
    const dom = editor.view.dom
    const onClick = (e: MouseEvent) => {
      const run = (e.target as HTMLElement).closest<HTMLElement>('[data-suggestion-id]')
      if (!run?.dataset.suggestionId) return
      activate(run.dataset.suggestionId)
      requestAnimationFrame(() => document.getElementById(cardId(run.dataset.suggestionId!))?.scrollIntoView({ block: 'nearest' }))
    }
    dom.addEventListener('click', onClick)
    return () => dom.removeEventListener('click', onClick)
  }, [editor, activate])

  return { pending, names, active, activate }
}

export const cardId = (suggestionId: string) => `suggestion-${suggestionId}`

/** The previous list when nothing changed, so that cards do not re-render on every keystroke elsewhere. */
function sameSuggestions(before: PendingSuggestion[], after: PendingSuggestion[]): PendingSuggestion[] {
  if (before.length !== after.length) return after
  const same = before.every((s, i) => {
    const o = after[i]!
    return s.id === o.id && s.kind === o.kind && s.text === o.text && s.replaced === o.replaced && s.authorId === o.authorId && s.createdAt === o.createdAt
  })
  return same ? before : after
}
