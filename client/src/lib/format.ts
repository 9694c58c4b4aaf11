/** Dates in the reader's language, e.g. "3 mars 2025 à 14:05" / "Mar 3, 2025, 2:05 PM". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A day, e.g. "3 mars 2025" / "March 3, 2025". */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date)
}

/**
 * A calendar day sent as YYYY-MM-DD ("2026-01-12" → "12 janvier 2026"). Read as UTC so that
 * the day never shifts with the reader's time zone.
 */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

/**
 * Two calendar days (YYYY-MM-DD) as the ends of a range, the first without what the last repeats:
 * "9" and "11 mars 2027" (du 9 au 11 mars 2027); in English, whose day follows the month,
 * "March 9" and "March 11, 2027".
 */
export function formatDayRange(first: string, last: string, locale: string): { from: string; to: string } {
  const to = formatDay(last, locale)
  const start = new Date(`${first}T00:00:00Z`)
  if (Number.isNaN(start.getTime()) || first.slice(0, 4) !== last.slice(0, 4)) return { from: formatDay(first, locale), to }
  const dayOnly = first.slice(0, 7) === last.slice(0, 7) && !locale.startsWith('en')
  const parts: Intl.DateTimeFormatOptions = dayOnly ? { day: 'numeric' } : { day: 'numeric', month: 'long' }
  return { from: new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' }).format(start), to }
}

/** A whole number in the reader's language: "1 250" / "1,250". */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value)
}
