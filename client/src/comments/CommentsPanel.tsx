import type { Editor } from '@tiptap/react'
import { useMemo, useState } from 'react'
import type { PersonCard, ThreadList, ThreadView } from '../../../shared/api'
import type { EncodedAnchor } from '../../../shared/anchors'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { useLatestChoice } from '../editor/margin/latest'
import { type LocatedCards, type MarginCard, placeIn } from '../editor/margin/cards'
import { Margin } from '../editor/margin/Margin'
import { useTextChanges } from '../editor/margin/useTextChanges'
import { CommentComposer } from './CommentComposer'
import { resolveAnchor } from './anchoring'
import { threadRanges } from './highlights'
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
  /** Cards of another kind sharing the margin with the threads (the suggestions'), stacked with them as one. */
  beside?: LocatedCards
}

const DRAFT = 'draft'

/**
 * The comments column. Open threads whose words are in the text sit beside them in the margin
 * (the card chosen last exactly, the others stacked around it), with the cards `beside` them;
 * resolved and detached threads are listed below. On a narrow screen it is shown in a sheet
 * instead (CommentsSheet), as a plain list (margin.css).
 */
export function CommentsPanel({ editor, documentId, userId, list, error, people, draft, onDraftDone, active, onActivate, onChanged, beside }: Props) {
  const { t, message } = useI18n()
  const [filter, setFilter] = useState<CommentFilter>('open')
  const [draftError, setDraftError] = useState<Message | null>(null)
  // Edits move the words, and may take a thread's words away (it is then listed below).
  useTextChanges(editor)

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

  // Clicking highlighted words opens their thread.
  useThreadClicks(editor, onActivate)

  // Whichever was chosen last (a comment begun, a thread or a card beside) sits beside its words.
  const chosen = useLatestChoice([draft ? DRAFT : null, active, beside?.active ?? null])

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

  const cards: MarginCard[] = aligned.map((th) => ({
    id: th.id,
    from: ranges.get(th.id)!.from,
    node: (
      <ThreadCard
        thread={th}
        detached={false}
        documentId={documentId}
        people={people}
        active={th.id === active}
        onActivate={() => onActivate(th.id)}
        onChanged={onChanged}
      />
    ),
  }))
  if (draft) {
    cards.push({
      id: DRAFT,
      from: draft.from,
      node: (
        <section className="thread-card thread-card-active thread-draft" aria-label={t('comments.new')}>
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
      ),
    })
  }
  cards.push(...placeIn(editor.state.doc, beside))

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
        visible.length === 0 && !draft && <p className="muted comments-empty">{t(`comments.empty.${filter}`)}</p>
      )}
      <Margin editor={editor} cards={cards} active={chosen} />
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
    </aside>
  )
}

export function filterThreads(threads: ThreadView[], filter: CommentFilter, userId: string): ThreadView[] {
  if (filter === 'mine') return threads.filter((th) => th.comments.some((c) => c.author?.id === userId))
  return threads.filter((th) => th.status === filter)
}
