import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { PersonCard } from '../../../shared/api'
import { COMMENT_MAX_CHARS } from '../../../shared/schemas'
import { Spinner } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { insertMention, matchPeople, mentionedIds, mentionQueryAt, type MentionQuery } from './mentions'

type Props = {
  label: string
  submitLabel: string
  initial?: string
  /** The people already mentioned in `initial` (when editing). */
  initialMentions?: PersonCard[]
  /** People who may be mentioned (everyone who can read the document). */
  people: PersonCard[]
  /** Resolves when stored; throws to keep the text and let the caller show why. */
  onSubmit: (body: string, mentions: string[]) => Promise<void>
  onCancel?: () => void
  /** Each change of the text, for a caller that keeps it (a draft). */
  onChange?: (text: string) => void
  autoFocus?: boolean
}

/**
 * A comment box: plain text, "@" to mention someone (a list to pick from, by keyboard or
 * mouse), Ctrl/⌘+Enter to send, Escape to cancel. The text stays if sending fails.
 */
export function CommentComposer({ label, submitLabel, initial = '', initialMentions = [], people, onSubmit, onCancel, onChange, autoFocus }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [text, setText] = useState(initial)
  const [picked, setPicked] = useState<PersonCard[]>(initialMentions)
  const [mention, setMention] = useState<MentionQuery | null>(null)
  const [highlighted, setHighlighted] = useState(0)
  const [busy, setBusy] = useState(false)
  const area = useRef<HTMLTextAreaElement>(null)
  // Where the caret goes once a picked mention is in the text: set in the same commit, before
  // the next keystroke can land (a later frame could move the caret behind what was typed since).
  const caretAfterPick = useRef<number | null>(null)
  const matches = mention ? matchPeople(people, mention.query) : []
  const listOpen = mention !== null && matches.length > 0
  const tooLong = text.length > COMMENT_MAX_CHARS

  function update(value: string, caret: number) {
    setText(value)
    onChange?.(value)
    setMention(mentionQueryAt(value, caret))
    setHighlighted(0)
  }

  function pick(person: PersonCard) {
    const el = area.current
    if (!el || !mention) return
    const next = insertMention(text, el.selectionStart, mention, person)
    setText(next.text)
    onChange?.(next.text)
    setPicked((p) => (p.some((x) => x.id === person.id) ? p : [...p, person]))
    setMention(null)
    caretAfterPick.current = next.caret
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after the commit that put the picked mention in the text
  useLayoutEffect(() => {
    const el = area.current
    const caret = caretAfterPick.current
    if (!el || caret === null) return
    caretAfterPick.current = null
    el.focus()
    el.setSelectionRange(caret, caret)
  }, [text])

  async function submit() {
    const body = text.trim()
    if (!body || tooLong || busy) return
    setBusy(true)
    try {
      await onSubmit(body, mentionedIds(body, picked))
      setText('')
      setPicked([])
    } finally {
      setBusy(false)
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (listOpen) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        const step = e.key === 'ArrowDown' ? 1 : -1
        setHighlighted((h) => (h + step + matches.length) % matches.length)
        return
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault()
        pick(matches[highlighted]!)
        return
      }
      if (e.key === 'Escape') {
        e.preventDefault()
        setMention(null)
        return
      }
    }
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      e.preventDefault()
      void submit()
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault()
      onCancel()
    }
  }

  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <div className="mention-anchor">
        <textarea
          id={`${id}-text`}
          ref={area}
          value={text}
          rows={2}
          placeholder={label}
          // biome-ignore lint/a11y/noAutofocus: the box opens because the person asked for it (Comment, Reply, Edit) and is typed into at once
          autoFocus={autoFocus}
          // A sheet opening around it gives the focus to this field, not to its close button.
          data-autofocus={autoFocus || undefined}
          aria-describedby={`${id}-hint`}
          aria-invalid={tooLong || undefined}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={listOpen}
          aria-controls={`${id}-people`}
          aria-activedescendant={listOpen ? `${id}-person-${highlighted}` : undefined}
          onChange={(e) => update(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        {/* The ARIA combobox pattern: the focus stays in the text box, which points at the option (aria-activedescendant). */}
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox of options, as that pattern has it */}
        <ul id={`${id}-people`} role="listbox" className="mention-list" hidden={!listOpen} aria-label={t('comments.mentionList')}>
          {matches.map((p, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: an option of that listbox, never focused itself
            <li
              key={p.id}
              id={`${id}-person-${i}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: as above
              role="option"
              aria-selected={i === highlighted}
              onMouseDown={(e) => {
                e.preventDefault()
                pick(p)
              }}
            >
              {p.name}
              {p.city && <span className="muted"> · {p.city}</span>}
            </li>
          ))}
        </ul>
      </div>
      <p id={`${id}-hint`} className={tooLong ? 'field-error' : 'comment-hint muted'}>
        {tooLong ? t('comments.tooLong', { max: COMMENT_MAX_CHARS }) : t('comments.hint')}
      </p>
      <div className="comment-actions">
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !text.trim() || tooLong} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          {submitLabel}
        </button>
      </div>
    </form>
  )
}
