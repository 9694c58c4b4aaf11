import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { SEARCH_RESULT_TYPES, type SearchResult } from '../../../shared/api'
import { SEARCH_QUERY_MAX_CHARS } from '../../../shared/schemas'
import { TEMPLATES } from '../../../shared/templates'
import { endpoints, isAbort } from '../api'
import { useSession } from '../app/session'
import { Loading, Notice, Spinner } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { RESULT_TYPE_LABELS } from './labels'
import { apiParamsOf, filtersOf, paramsOf, toggleType, type SearchFilters } from './search-url'
import { Snippet } from './Snippet'
import './search.css'

/** Results asked for at a time: a screenful, and « more » for the rest. */
const PAGE = 20

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; results: SearchResult[]; next: string | null; more: 'idle' | 'loading' | { error: unknown } }

const keyOf = (r: SearchResult) => `${r.type}-${r.id}`
const linksIn = (list: HTMLOListElement | null) => [...(list?.querySelectorAll<HTMLAnchorElement>('a.search-result-link') ?? [])]

/** The first page of results for the filters, then each following one on demand. */
function useResults(filters: SearchFilters) {
  const key = paramsOf(filters).toString()
  const [state, setState] = useState<Results>({ status: 'idle' })
  const [attempt, setAttempt] = useState(0)
  const current = useRef(filters)
  current.current = filters
  const more = useRef<AbortController | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when the filters mean a new search (they are a new object on each render); `attempt` is a retry
  useEffect(() => {
    if (!current.current.q) {
      setState({ status: 'idle' })
      return
    }
    const abort = new AbortController()
    setState({ status: 'loading' })
    endpoints.search(apiParamsOf(current.current, PAGE), { signal: abort.signal }).then(
      (res) => {
        if (!abort.signal.aborted) setState({ status: 'ready', results: res.results, next: res.next, more: 'idle' })
      },
      (error: unknown) => {
        if (!abort.signal.aborted && !isAbort(error)) setState({ status: 'error', error })
      },
    )
    return () => {
      abort.abort()
      more.current?.abort()
    }
  }, [key, attempt])

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.next || state.more === 'loading') return
    const abort = new AbortController()
    more.current = abort
    setState({ ...state, more: 'loading' })
    endpoints.search(apiParamsOf(current.current, PAGE, state.next), { signal: abort.signal }).then(
      (res) =>
        setState((s) => {
          if (abort.signal.aborted || s.status !== 'ready') return s
          // Pages are cut by rank: an edit between two pages can move a result across the cut.
          const seen = new Set(s.results.map(keyOf))
          return { ...s, results: [...s.results, ...res.results.filter((r) => !seen.has(keyOf(r)))], next: res.next, more: 'idle' }
        }),
      (error: unknown) => {
        if (!abort.signal.aborted && !isAbort(error)) setState((s) => (s.status === 'ready' ? { ...s, more: { error } } : s))
      },
    )
  }, [state])

  return { state, retry: useCallback(() => setAttempt((n) => n + 1), []), loadMore }
}

/**
 * /search — every result for some words, as the URL says (`?q=…&type=…&space=…&kind=…&stage=…`):
 * chips narrow it to some types of result, « more results » pages on, ↑/↓ walk the results.
 */
export function Component() {
  const { t, message, locale } = useI18n()
  const { me } = useSession()
  const [params, setParams] = useSearchParams()
  const filters = filtersOf(params)
  const { state, retry, loadMore } = useResults(filters)
  useDocumentTitle(filters.q ? t('search.page.titleFor', { query: filters.q }) : t('search.page.title'))

  const [typed, setTyped] = useState(filters.q)
  // Following the URL when it changes from elsewhere (the header's box, the back button).
  useEffect(() => setTyped(filters.q), [filters.q])

  const list = useRef<HTMLOListElement>(null)
  const field = useRef<HTMLInputElement>(null)

  // After « more results », the focus goes to the first new one: the button has moved below it.
  const focusFrom = useRef<number | null>(null)
  useEffect(() => {
    if (focusFrom.current === null || (state.status === 'ready' && state.more === 'loading')) return
    if (state.status === 'ready' && state.more === 'idle') linksIn(list.current)[focusFrom.current]?.focus()
    focusFrom.current = null
  }, [state])

  /** A new search is a new page of history; narrowing one replaces it. */
  const show = (next: SearchFilters, how: 'push' | 'replace') => setParams(paramsOf(next), { replace: how === 'replace' })
  const narrowed = filters.types.length > 0 || Boolean(filters.space || filters.kind || filters.stage)

  function onFieldKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'ArrowDown') return
    const first = linksIn(list.current)[0]
    if (first) {
      e.preventDefault()
      first.focus()
    }
  }

  function onListKey(e: KeyboardEvent<HTMLOListElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    const all = linksIn(list.current)
    const at = all.indexOf(e.target as HTMLAnchorElement)
    if (at < 0) return
    e.preventDefault()
    const next = at + (e.key === 'ArrowDown' ? 1 : -1)
    // Up from the first result goes back to the words.
    if (next < 0) field.current?.focus()
    else all[Math.min(next, all.length - 1)]?.focus()
  }

  const spaceName = (space: string) => {
    const id = space.split(':')[1]?.toLowerCase()
    const named = [...(me?.networks ?? []), ...(me?.cities ?? [])].find((s) => s.id === id)
    const inResults = state.status === 'ready' ? state.results.find((r) => r.space?.id === id)?.space : undefined
    return named?.name ?? inResults?.name ?? t('search.page.someSpace')
  }
  const extraFilters = [
    filters.space && { name: 'space' as const, label: t('search.page.space', { name: spaceName(filters.space) }) },
    filters.kind && { name: 'kind' as const, label: t('search.page.kind', { name: TEMPLATES[filters.kind].title[locale] }) },
    filters.stage && { name: 'stage' as const, label: t('search.page.stage', { name: t(`workflow.stage.${filters.stage}`) }) },
  ].filter((f) => !!f)

  return (
    <div className="page search-page">
      <h1>{t('search.page.title')}</h1>
      <form
        className="search-page-form"
        onSubmit={(e) => {
          e.preventDefault()
          const q = typed.trim()
          if (q === filters.q) retry()
          else show({ ...filters, q }, 'push')
        }}
      >
        <label htmlFor="search-page-q" className="visually-hidden">
          {t('search.page.fieldLabel')}
        </label>
        <input
          ref={field}
          id="search-page-q"
          type="search"
          value={typed}
          maxLength={SEARCH_QUERY_MAX_CHARS}
          placeholder={t('search.page.placeholder')}
          spellCheck={false}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={onFieldKey}
        />
        <button type="submit" className="button button-primary">
          {t('search.page.submit')}
        </button>
      </form>

      <fieldset className="search-chips">
        <legend className="visually-hidden">{t('search.page.typesLabel')}</legend>
        <button type="button" className="search-chip" aria-pressed={filters.types.length === 0} onClick={() => show({ ...filters, types: [] }, 'replace')}>
          {t('search.page.all')}
        </button>
        {SEARCH_RESULT_TYPES.map((type) => (
          <button
            key={type}
            type="button"
            className="search-chip"
            aria-pressed={filters.types.includes(type)}
            onClick={() => show({ ...filters, types: toggleType(filters.types, type) }, 'replace')}
          >
            {t(RESULT_TYPE_LABELS[type].many)}
          </button>
        ))}
      </fieldset>

      {extraFilters.length > 0 && (
        <ul className="search-filters" aria-label={t('search.page.filtersLabel')}>
          {extraFilters.map((f) => (
            <li key={f.name} className="search-filter">
              <span>{f.label}</span>
              <button
                type="button"
                className="button button-icon search-filter-remove"
                aria-label={t('search.page.removeFilter', { name: f.label })}
                onClick={() => show({ ...filters, [f.name]: undefined }, 'replace')}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {state.status === 'idle' && <p className="empty-line">{t('search.page.noQuery')}</p>}
      {state.status === 'loading' && <Loading label={t('search.loading')} />}
      {state.status === 'error' && (
        <div className="search-page-error">
          <Notice tone="error">{message(describeError(state.error))}</Notice>
          <button type="button" className="button button-secondary" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {state.status === 'ready' && state.results.length === 0 && (
        <div className="search-page-empty" role="status">
          <p>{t(narrowed ? 'search.page.emptyNarrowed' : 'search.page.empty', { query: filters.q })}</p>
          {narrowed && (
            <button type="button" className="button button-secondary" onClick={() => show({ q: filters.q, types: [] }, 'replace')}>
              {t('search.page.everywhere')}
            </button>
          )}
        </div>
      )}
      {state.status === 'ready' && state.results.length > 0 && (
        <>
          <ol ref={list} className="search-results" aria-label={t('search.page.resultsFor', { query: filters.q })} onKeyDown={onListKey}>
            {state.results.map((r) => (
              <li key={keyOf(r)} className="search-result">
                <Link to={r.url} className="search-result-link">
                  {r.title}
                </Link>
                <p className="search-result-meta">
                  <span className="search-result-type">{t(RESULT_TYPE_LABELS[r.type].one)}</span>
                  {r.space && r.type !== 'network' && <span>{r.space.name}</span>}
                </p>
                {r.snippet && <Snippet text={r.snippet} className="search-result-snippet" />}
              </li>
            ))}
          </ol>
          {state.more !== 'idle' && state.more !== 'loading' && <Notice tone="error">{message(describeError(state.more.error))}</Notice>}
          {state.next && (
            <button
              type="button"
              className="button button-secondary search-more"
              disabled={state.more === 'loading'}
              aria-busy={state.more === 'loading' || undefined}
              onClick={() => {
                focusFrom.current = state.results.length
                loadMore()
              }}
            >
              {state.more === 'loading' && <Spinner />}
              {t('search.page.more')}
            </button>
          )}
        </>
      )}
    </div>
  )
}
