import { TEMPLATES, type DocumentKind, type TemplateLocale } from '../../shared/templates'
import type { PersonCard } from '../../shared/api'

/** The first page of every export: where the document comes from, which state of it, and who wrote it. */

export type ExportFacts = {
  title: string
  kind: DocumentKind
  locale: TemplateLocale
  /** The document's network, or the networks its city belongs to. */
  networks: string[]
  /** The city, for a document of a city's space. */
  city: string | null
  /** null: the live document. */
  version: { name: string | null; createdAt: Date } | null
  exportedAt: Date
  contributors: PersonCard[]
}

/** `colon` goes between a label and its value: French puts a space before it. */
export type Cover = { title: string; colon: string; facts: { label: string; value: string }[] }

type Labels = {
  network: string
  networks: string
  city: string
  kind: string
  version: string
  live: string
  automatic: string
  exportedAt: string
  contributors: string
  cities: string
  none: string
  colon: string
}

const LABELS: Record<TemplateLocale, Labels> = {
  fr: {
    network: 'Réseau',
    networks: 'Réseaux',
    city: 'Ville',
    kind: 'Type de document',
    version: 'Version',
    live: 'version en cours',
    automatic: 'version automatique',
    exportedAt: 'Exporté le',
    contributors: 'Contributeurs',
    cities: 'Villes contributrices',
    none: 'aucun',
    colon: '\u00a0: ',
  },
  en: {
    network: 'Network',
    networks: 'Networks',
    city: 'City',
    kind: 'Document type',
    version: 'Version',
    live: 'current version',
    automatic: 'automatic version',
    exportedAt: 'Exported on',
    contributors: 'Contributors',
    cities: 'Contributing cities',
    none: 'none',
    colon: ': ',
  },
  es: {
    network: 'Red',
    networks: 'Redes',
    city: 'Ciudad',
    kind: 'Tipo de documento',
    version: 'Versión',
    live: 'versión en curso',
    automatic: 'versión automática',
    exportedAt: 'Exportado el',
    contributors: 'Contribuyentes',
    cities: 'Ciudades contribuyentes',
    none: 'ninguno',
    colon: ': ',
  },
}

/** Dates in UTC, so an export names the same day wherever the server runs. */
export const formatDate = (date: Date, locale: TemplateLocale): string => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)

export function coverOf(facts: ExportFacts): Cover {
  const l = LABELS[facts.locale]
  const rows: { label: string; value: string }[] = []
  if (facts.networks.length > 0) {
    rows.push({ label: facts.networks.length > 1 ? l.networks : l.network, value: facts.networks.join(', ') })
  }
  if (facts.city) rows.push({ label: l.city, value: facts.city })
  rows.push({ label: l.kind, value: TEMPLATES[facts.kind].title[facts.locale] })
  rows.push({
    label: l.version,
    value: facts.version ? `${facts.version.name ?? l.automatic} (${formatDate(facts.version.createdAt, facts.locale)})` : l.live,
  })
  rows.push({ label: l.exportedAt, value: formatDate(facts.exportedAt, facts.locale) })
  const people = facts.contributors.map((p) => (p.city ? `${p.name} (${p.city})` : p.name))
  rows.push({ label: l.contributors, value: people.length > 0 ? people.join(', ') : l.none })
  const cities = [...new Set(facts.contributors.flatMap((p) => (p.city ? [p.city] : [])))].sort()
  if (cities.length > 0) rows.push({ label: l.cities, value: cities.join(', ') })
  return { title: facts.title, colon: l.colon, facts: rows }
}
