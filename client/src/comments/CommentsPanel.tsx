import type { Editor } from '@tiptap/react'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { PersonCard, ThreadList, ThreadView } from '../../../shared/api'
import type { EncodedAnchor } from '../../../shared/anchors'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { CommentComposer } from './CommentComposer'
import { resolveAnchor } from './anchoring'
import { threadRanges } from './highlights'
import { stackCards } from './layout'
import { ThreadCard } from './ThreadCard'
import { useThreadClicks } from './useThreadClicks'
import './comments.css'

/**
 * A comment being written: its words, and what has been typed so far — kept outside React's
 * state (typing does not re-render the column) so that a sheet closed by mistake gives it back.
 */
export type Draft = { anchor: EncodedAnchor; quote: string; from: number; typed: { current: string } }
export type CommentFilter = 'open' | 'resolved' | 'mine'

type Props = {
  editor: Editor
  documentId: string
  userId: string
  list: ThreadList | null
  /** Why the threads could not be fetched, if they could not. */
  error: unknown
  people: PersonCard[]
  draft: Draft | null
  onDraftDone: (threadId: string | null) => void
  active: string | null
  onActivate: (threadId: string | null) => void
  onChanged: () => void
}

const DRAFT = 'draft'

/**
 * The comments column. Open threads whose words are in the text sit beside them (the active
 * one exactly, the others stacked around it); resolved and detached threads are listed below.
 * On a narrow screen it is shown in a sheet instead (CommentsSheet), as a plain list (CSS).
 */
export function CommentsPanel({ editor, documentId, userId, list, error, people, draft, onDraftDone, active, onActivate, onChanged }: Props) {
  const { t, message } = useI18n()
  const [filter, setFilter] = useState<CommentFilter>('open')
  const [draftError, setDraftError] = useState<Message | null>(null)
  const column = useRef<HTMLDivElement>(null)
  const cards = useRef(new Map<string, HTMLElement>())
  const [tops, setTops] = useState<Map<string, number>>(new Map())
  const [, setTick] = useState(0)

  const visible = useMemo(() => filterThreads(list?.threads ?? [], filter, userId), [list, filter, userId])
  const ranges = threadRanges(editor.state)
  // Threads the highlights do not know yet (just fetched) are placed from their anchors directly.
  for (const th of visible) {
    if (th.status !== 'open' || ranges.has(th.id)) continue
    const range = resolveAnchor(editor.state, th.anchor)
    if (range) ranges.set(th.id, range)
  }
  const aligned = visible.filter((th) => th.status === 'open' && ranges.has(th.id))
  const listed = visible.filter((th) => !aligned.includes(th))
  // The server tells detachment when the list is fetched; the text may have lost the words since.
  const detached = (th: ThreadView) => th.detached || (th.status === 'open' && !ranges.has(th.id))

  // Follow the text: edits, resizes and scrolling inside the editor move the words.
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

  // Clicking highlighted words opens their thread.
  useThreadClicks(editor, onActivate)

  // Measured after every render; state changes only when a card actually moves, so this settles.
  useLayoutEffect(() => {
    const el = column.current
    if (!el) return
    const base = el.getBoundingClientRect().top
    const at = (pos: number) => editor.view.coordsAtPos(Math.min(pos, editor.state.doc.content.size)).top - base
    const slots = aligned.map((th) => ({ id: th.id, top: at(ranges.get(th.id)!.from), height: cards.current.get(th.id)?.offsetHeight ?? 96 }))
    if (draft) slots.push({ id: DRAFT, top: at(draft.from), height: cards.current.get(DRAFT)?.offsetHeight ?? 140 })
    const next = stackCards(slots, draft ? DRAFT : active)
    if (!sameTops(next, tops)) setTops(next)
  })

  const height = Math.max(0, ...[...tops].map(([id, top]) => top + (cards.current.get(id)?.offsetHeight ?? 0)))
  const register = (id: string) => (el: HTMLElement | null) => {
    if (el) cards.current.set(id, el)
    else cards.current.delete(id)
  }

  async function createThread(body: string, mentions: string[]) {
    if (!draft) return
    setDraftError(null)
    try {
      const thread = await endpoints.createThread(documentId, { anchor: { ...draft.anchor, quote: draft.quote }, body, mentions })
      setFilter((f) => (f === 'resolved' ? 'open' : f))
      onDraftDone(thread.id)
      onChanged()
    } catch (e) {
      setDraftError(describeError(e))
      throw e
    }
  }

  const counts = list?.counts ?? { open: 0, resolved: 0 }
  return (
    <aside className="comments" aria-labelledby="comments-title">
      <div className="comments-head">
        <h2 id="comments-title" className="comments-title">
          {t('comments.title')} <span className="count-badge">{counts.open}</span>
        </h2>
        <div className="comments-filter" role="radiogroup" aria-label={t('comments.filter.label')}>
          {(['open', 'resolved', 'mine'] as const).map((f) => (
            // biome-ignore lint/a11y/useSemanticElements: filter chips that act at once, in a radiogroup, as buttons look and behave
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className={filter === f ? 'chip chip-on' : 'chip'}
              onClick={() => setFilter(f)}
            >
              {f === 'mine' ? t('comments.filter.mine') : t(`comments.filter.${f}`, { count: counts[f] })}
            </button>
          ))}
        </div>
      </div>
      {list === null ? (
        error ? (
          <Notice tone="error">{message(describeError(error))}</Notice>
        ) : (
          <p className="muted">{t('comments.loading')}</p>
        )
      ) : (
        <>
          {visible.length === 0 && !draft && <p className="muted comments-empty">{t(`comments.empty.${filter}`)}</p>}
          <div className="comments-aligned" ref={column} style={{ minHeight: height }}>
            {draft && (
              <section
                ref={register(DRAFT)}
                className="thread-card thread-card-active thread-draft"
                style={{ top: tops.get(DRAFT) ?? 0 }}
                aria-label={t('comments.new')}
              >
                <blockquote className="thread-quote">{draft.quote}</blockquote>
                {draftError && <Notice tone="error">{message(draftError)}</Notice>}
                <CommentComposer
                  label={t('comments.newLabel')}
                  submitLabel={t('comments.send')}
                  people={people}
                  initial={draft.typed.current}
                  onChange={(text) => {
                    draft.typed.current = text
                  }}
                  autoFocus
                  onCancel={() => onDraftDone(null)}
                  onSubmit={createThread}
                />
              </section>
            )}
            {aligned.map((th) => (
              <ThreadCard
                key={th.id}
                ref={register(th.id)}
                thread={th}
                detached={false}
                documentId={documentId}
                people={people}
                active={th.id === active}
                onActivate={() => onActivate(th.id)}
                onChanged={onChanged}
                style={{ top: tops.get(th.id) ?? 0 }}
              />
            ))}
          </div>
          {listed.length > 0 && (
            <div className="comments-listed">
              {filter !== 'resolved' && <h3 className="comments-subtitle">{t('comments.elsewhere')}</h3>}
              {listed.map((th) => (
                <ThreadCard
                  key={th.id}
                  thread={th}
                  detached={detached(th)}
                  documentId={documentId}
                  people={people}
                  active={th.id === active}
                  onActivate={() => onActivate(th.id)}
                  onChanged={onChanged}
                />
              ))}
            </div>
          )}
        </>
      )}
    </aside>
  )
}

export function filterThreads(threads: ThreadView[], filter: CommentFilter, userId: string): ThreadView[] {
  if (filter === 'mine') return threads.filter((th) => th.comments.some((c) => c.author?.id === userId))
  return threads.filter((th) => th.status === filter)
}

function sameTops(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false
  for (const [id, top] of a) if (Math.abs((b.get(id) ?? NaN) - top) > 0.5) return false
  return true
}
