import { SEARCH_RESULT_TYPES, type SearchResultType } from '../../../shared/api'
import { STAGES, type Stage } from '../../../shared/domain'
import { SEARCH_QUERY_MAX_CHARS } from '../../../shared/limits'
import { DOCUMENT_KINDS, type DocumentKind } from '../../../shared/templates'

/** What the results page shows, as its URL says it: `/search?q=…&type=document,thread&space=city:<id>&kind=…&stage=…`. */
export type SearchFilters = {
  q: string
  /** Empty for every type. */
  types: SearchResultType[]
  space?: string
  kind?: DocumentKind
  stage?: Stage
}

const SPACE = /^(network|city):[0-9a-f-]{36}$/i
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined

/**
 * The filters of a URL. What the server would refuse (an unknown type, a malformed space) is
 * left out rather than shown as an error: a link typed by hand, or kept from an older version,
 * still searches.
 */
export function filtersOf(params: URLSearchParams): SearchFilters {
  const asked = new Set((params.get('type') ?? '').split(',').map((t) => t.trim()))
  // In the shared order, so that the same choice is always the same URL.
  const types = SEARCH_RESULT_TYPES.filter((t) => asked.has(t))
  const filters: SearchFilters = {
    q: (params.get('q') ?? '').trim().slice(0, SEARCH_QUERY_MAX_CHARS),
    types: types.length === SEARCH_RESULT_TYPES.length ? [] : types,
  }
  const space = params.get('space')?.trim()
  if (space && SPACE.test(space)) filters.space = space
  const kind = oneOf(DOCUMENT_KINDS, params.get('kind'))
  if (kind) filters.kind = kind
  const stage = oneOf(STAGES, params.get('stage'))
  if (stage) filters.stage = stage
  return filters
}

/** The URL's query string for these filters, without empty ones. */
export function paramsOf(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.q) params.set('q', filters.q)
  if (filters.types.length > 0) params.set('type', filters.types.join(','))
  if (filters.space) params.set('space', filters.space)
  if (filters.kind) params.set('kind', filters.kind)
  if (filters.stage) params.set('stage', filters.stage)
  return params
}

/** The results page for some words, as the header's search box opens it. */
export const searchPageUrl = (q: string): string => `/search?${paramsOf({ q: q.trim(), types: [] })}`

/** `GET /api/search`'s parameters for one page of these results (`cursor`: the previous page's `next`). */
export function apiParamsOf(filters: SearchFilters, limit: number, cursor?: string): Record<string, string> {
  const params = Object.fromEntries(paramsOf(filters))
  return { ...params, limit: String(limit), ...(cursor ? { cursor } : {}) }
}

/** A type's chip pressed: added to the types shown, or taken out; all of them is the same as none. */
export function toggleType(types: readonly SearchResultType[], type: SearchResultType): SearchResultType[] {
  const next = types.includes(type) ? types.filter((t) => t !== type) : [...types, type]
  return next.length === SEARCH_RESULT_TYPES.length ? [] : SEARCH_RESULT_TYPES.filter((t) => next.includes(t))
}
