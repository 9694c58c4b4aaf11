import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useNavigate } from 'react-router'
import { endpoints } from '../api/endpoints'
import { useI18n } from '../i18n/useI18n'
import type { SearchResult, SearchResultType } from '../../../shared/api'
import { RESULT_TYPE_LABELS } from './labels'
import { searchPageUrl } from './search-url'
import { Snippet } from './Snippet'

/** Results come a moment after the last key, not at every key. */
const DEBOUNCE_MS = 200
const LIMIT = 12

type State = { status: 'idle' } | { status: 'loading' } | { status: 'done'; results: SearchResult[] } | { status: 'error' }

/** Whether a key pressed there is someone typing (a field, the editor), where `/` is a character. */
const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Results in groups of one type, in the order their best result ranks. */
function grouped(results: SearchResult[]): { type: SearchResultType; results: SearchResult[] }[] {
  const groups = new Map<SearchResultType, SearchResult[]>()
  for (const r of results) groups.set(r.type, [...(groups.get(r.type) ?? []), r])
  return [...groups].map(([type, rs]) => ({ type, results: rs }))
}

/**
 * The header's search box (`/` to reach it): results as one types, grouped by type, walked with
 * ↑/↓, opened with Enter, closed with Escape (the ARIA combobox pattern). The last option, and
 * Enter with none chosen, open the results page with every result. Opened from a phone's search
 * button it takes the focus at once, and Escape on an empty field closes it (`onDismiss`).
 */
export function SearchBox({ autoFocus, onDismiss }: { autoFocus?: boolean; onDismiss?: () => void }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<State>({ status: 'idle' })
  const [active, setActive] = useState(-1)

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e.target)) return
      e.preventDefault()
      input.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setState({ status: 'idle' })
      return
    }
    // A newer query aborts the request of the older one, so a slow answer never replaces a newer one.
    const abort = new AbortController()
    setState({ status: 'loading' })
    const timer = setTimeout(() => {
      endpoints
        .search({ q, limit: String(LIMIT) }, { signal: abort.signal })
        .then((res) => {
          setState({ status: 'done', results: res.results })
          setActive(-1)
        })
        .catch(() => {
          if (!abort.signal.aborted) setState({ status: 'error' })
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      abort.abort()
    }
  }, [query])

  const results = state.status === 'done' ? state.results : []
  const groups = useMemo(() => grouped(results), [results])
  const ordered = groups.flatMap((g) => g.results)
  const optionId = (i: number) => `${id}-option-${i}`
  const expanded = open && query.trim().length > 0
  // The results, then « see all results » (not when the first ones are none: all would be none too).
  const seeAll = ordered.length
  const options = ordered.length === 0 ? 0 : ordered.length + 1

  function go(url: string) {
    setOpen(false)
    input.current?.blur()
    void navigate(url)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setOpen(true)
      if (options === 0) return
      const step = e.key === 'ArrowDown' ? 1 : -1
      // Wraps around: from the last to the first, and from the field up to the last.
      setActive((i) => (i < 0 && step < 0 ? options - 1 : (i + step + options) % options))
    } else if (e.key === 'Enter') {
      if (!query.trim()) return
      e.preventDefault()
      const chosen = ordered[active]
      go(chosen ? chosen.url : searchPageUrl(query))
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false)
      else if (query) setQuery('')
      else onDismiss?.()
    }
  }

  let index = 0
  return (
    <div className="search-box">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        className="search-input"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        // biome-ignore lint/a11y/noAutofocus: only when the person has just asked for the search with its button
        autoFocus={autoFocus}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(-1)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        // Options keep the focus in the field (their mousedown is prevented), so leaving it closes the list.
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="search-popup" hidden={!expanded}>
        <p className="search-status" role="status" aria-live="polite">
          {state.status === 'loading' && t('search.loading')}
          {state.status === 'error' && t('search.error')}
          {state.status === 'done' && results.length === 0 && t('search.empty', { query: query.trim() })}
        </p>
        <div id={`${id}-listbox`} role="listbox" aria-label={t('search.results')}>
          {groups.map((g) => (
            // biome-ignore lint/a11y/useSemanticElements: the ARIA listbox pattern's groups of options, not a form's fieldset
            <div key={g.type} role="group" aria-labelledby={`${id}-group-${g.type}`} className="search-group">
              <div id={`${id}-group-${g.type}`} className="search-group-title" role="presentation">
                {t(RESULT_TYPE_LABELS[g.type].many)}
              </div>
              {g.results.map((r) => {
                const i = index++
                return (
                  // biome-ignore lint/a11y/useFocusableInteractive: the combobox pattern keeps the focus in the field and points at options with aria-activedescendant
                  // biome-ignore lint/a11y/useKeyWithClickEvents: ↑/↓ and Enter in the field choose an option; the click is for the mouse
                  <div
                    key={`${r.type}-${r.id}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    className="search-option"
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => go(r.url)}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span className="search-option-title">{r.title}</span>
                    {r.space && r.type !== 'network' && <span className="search-option-space">{r.space.name}</span>}
                    {r.snippet && <Snippet text={r.snippet} className="search-option-snippet" />}
                  </div>
                )
              })}
            </div>
          ))}
          {options > 0 && (
            // biome-ignore lint/a11y/useFocusableInteractive: an option of the combobox, as those above
            // biome-ignore lint/a11y/useKeyWithClickEvents: Enter in the field chooses it, as those above
            <div
              id={optionId(seeAll)}
              role="option"
              aria-selected={active === seeAll}
              className="search-option search-see-all"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(searchPageUrl(query))}
              onMouseEnter={() => setActive(seeAll)}
            >
              {t('search.seeAll', { query: query.trim() })}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
