import { LOCALES, type TemplateLocale } from '../../../shared/locales'

/** The interface languages: the same as the template languages. French first. */
export type Locale = TemplateLocale
export const DEFAULT_LOCALE: Locale = 'fr'
export const STORAGE_KEY = 'atelier.locale'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** 'en-GB' → 'en'; anything unsupported → French. */
export function toLocale(value: string | null | undefined): Locale {
  const base = value?.toLowerCase().split(/[-_]/)[0]
  return isLocale(base) ? base : DEFAULT_LOCALE
}

/** The language chosen on this device while signed out, if any (localStorage may be unavailable). */
export function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLocale(value) ? value : null
  } catch {
    return null
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  } catch {
    // Private browsing or storage disabled: the choice lasts for this page only.
  }
}
