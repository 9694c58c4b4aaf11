import type { PracticeSummary } from '../../../shared/api'

/** Themes as typed in one field, separated by commas: trimmed, without blanks or repeats. */
export function splitThemes(typed: string): string[] {
  return [
    ...new Set(
      typed
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
  ]
}

/** The list's filters as its URL says them, in the order the API takes them, without empty ones. */
export const FILTER_KEYS = ['q', 'theme', 'axis', 'city', 'network', 'region'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

export function filtersOf(params: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {}
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim()
    if (value) filters[key] = value
  }
  return filters
}

/** The link to the practices on a theme (from a workshop or a City WORKS step). */
export const practicesOnTheme = (theme: string): string => (theme.trim() ? `/practices?${new URLSearchParams({ theme: theme.trim() })}` : '/practices')

/** "Dakar (Sénégal) · Réseau Espaces publics". */
export const placeOf = (p: PracticeSummary): string =>
  [p.city && (p.city.country ? `${p.city.name} (${p.city.country})` : p.city.name), p.network.name].filter(Boolean).join(' · ')
