import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { PracticeSummary } from '../../../shared/api'
import { AXIS_LABELS, type Axis } from '../../../shared/practices'
import { endpoints } from '../api'
import { SpaceLoadError } from '../components/SpaceLoadError'
import { Loading, SelectField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { formatDate } from '../lib/format'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { filtersOf, placeOf, type FilterKey } from './practices-logic'
import './practices.css'

/** /practices — the good-practices observatory: search and filters (kept in the URL), featured practices first. */
export function Component() {
  const { t, locale } = useI18n()
  useDocumentTitle(t('practices.title'))
  const [params, setParams] = useSearchParams()
  const filters = filtersOf(params)
  const key = new URLSearchParams(filters).toString()
  const list = useLoad((signal) => endpoints.practices(filters, { signal }), key)
  const [typed, setTyped] = useState(filters.q ?? '')
  // Following the URL when it changes from elsewhere (a link to a theme, the back button).
  useEffect(() => setTyped(filters.q ?? ''), [filters.q])

  const setFilter = (name: FilterKey, value: string) => {
    const next = new URLSearchParams(filters)
    if (value) next.set(name, value)
    else next.delete(name)
    setParams(next, { replace: true })
  }

  if (list.status === 'error' && !list.data) {
    const messages = { forbidden: 'practices.forbidden' } as const
    return <SpaceLoadError titleId="practices-title" title={t('practices.title')} error={list.error} messages={messages} onRetry={list.reload} />
  }
  if (!list.data) return <Loading label={t('app.loading')} />
  const { practices, facets } = list.data
  const filtered = Object.keys(filters).length > 0
  const all = (label: string) => ({ value: '', label })

  return (
    <div className="page page-practices">
      <p className="breadcrumb">
        <Link to="/">{t('common.backHome')}</Link>
      </p>
      <header className="space-header">
        <h1 id="practices-title">{t('practices.title')}</h1>
        <p className="muted">{t('practices.intro')}</p>
      </header>
      <form
        className="practices-filters"
        onSubmit={(e) => {
          e.preventDefault()
          setFilter('q', typed.trim())
        }}
      >
        <div className="field practices-search">
          <label htmlFor="practices-q">{t('practices.search')}</label>
          <div className="practices-search-row">
            <input id="practices-q" type="search" value={typed} placeholder={t('practices.searchPlaceholder')} onChange={(e) => setTyped(e.target.value)} />
            <button type="submit" className="button button-primary">
              {t('practices.searchButton')}
            </button>
          </div>
        </div>
        <SelectField
          name="theme"
          label={t('practices.theme')}
          value={filters.theme ?? ''}
          options={[all(t('practices.allThemes')), ...withCurrent(facets.themes, filters.theme).map((v) => ({ value: v, label: v }))]}
          onChange={(v) => setFilter('theme', v)}
        />
        <SelectField
          name="axis"
          label={t('practices.axis')}
          value={filters.axis ?? ''}
          options={[all(t('practices.allAxes')), ...facets.axes.map((a) => ({ value: a as string, label: AXIS_LABELS[a][locale] }))]}
          onChange={(v) => setFilter('axis', v)}
        />
        <SelectField
          name="network"
          label={t('practices.network')}
          value={filters.network ?? ''}
          options={[all(t('practices.allNetworks')), ...facets.networks.map((n) => ({ value: n.id, label: n.name }))]}
          onChange={(v) => setFilter('network', v)}
        />
        <SelectField
          name="city"
          label={t('practices.city')}
          value={filters.city ?? ''}
          options={[all(t('practices.allCities')), ...facets.cities.map((c) => ({ value: c.id, label: c.name }))]}
          onChange={(v) => setFilter('city', v)}
        />
        <SelectField
          name="region"
          label={t('practices.region')}
          value={filters.region ?? ''}
          options={[all(t('practices.allRegions')), ...withCurrent(facets.regions, filters.region).map((v) => ({ value: v, label: v }))]}
          onChange={(v) => setFilter('region', v)}
        />
      </form>
      <div className="practices-count" aria-live="polite">
        <span>{t('practices.count', { count: practices.length })}</span>
        {filtered && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('practices.clear')}
            </button>
          </>
        )}
      </div>
      {practices.length === 0 ? (
        <p className="empty-line">{filtered ? t('practices.noMatch') : t('practices.empty')}</p>
      ) : (
        <ul className="practices-list">
          {practices.map((p) => (
            <PracticeCard key={p.id} practice={p} />
          ))}
        </ul>
      )}
    </div>
  )
}

/** A filter's value stays offered when it came from a link, even if no practice has it. */
const withCurrent = (values: string[], current: string | undefined) => (current && !values.includes(current) ? [current, ...values] : values)

/** One practice in the list: where it comes from, its summary, themes and axis. */
function PracticeCard({ practice: p }: { practice: PracticeSummary }) {
  const { t, locale } = useI18n()
  return (
    <li className={`card practice-card${p.featured ? ' practice-featured' : ''}`}>
      {p.featured && <span className="practice-badge">{t('practices.featured')}</span>}
      <h2>
        <Link to={`/practices/${encodeURIComponent(p.id)}`}>{p.title}</Link>
      </h2>
      <p className="practice-place">{placeOf(p)}</p>
      <p>{p.summary}</p>
      <p className="practice-tags">
        {p.themes.map((theme) => (
          <span key={theme} className="practice-tag">
            {theme}
          </span>
        ))}
        {p.axis && <span className="practice-tag practice-axis">{AXIS_LABELS[p.axis as Axis][locale]}</span>}
      </p>
      <p className="muted">{formatDate(p.republishedAt ?? p.publishedAt, locale)}</p>
    </li>
  )
}
