import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LOCALES } from '../../../shared/locales'
import { frenchDe } from '../lib/french'
import { DEFAULT_LOCALE, storedLocale, toLocale, type Locale } from './locale'
import type { Messages } from './types'

/**
 * Each language's messages, fetched when first needed: on a slow line a visitor downloads their
 * own language only. Adding a language to LOCALES without its messages does not compile.
 */
const catalogues = {
  fr: () => import('./fr'),
  en: () => import('./en'),
  es: () => import('./es'),
} as const satisfies Record<Locale, () => Promise<{ default: Messages }>>

const loading = new Map<Locale, Promise<void>>()

/** Fetches `locale`'s messages once and gives them to i18next. */
export function loadLocale(locale: Locale): Promise<void> {
  let loaded = loading.get(locale)
  if (!loaded) {
    loaded = catalogues[locale]().then(({ default: messages }) => {
      i18n.addResourceBundle(locale, 'translation', messages)
    })
    // A failed fetch (offline) may be tried again on the next switch.
    loaded.catch(() => loading.delete(locale))
    loading.set(locale, loaded)
  }
  return loaded
}

/** Switches the interface language once its messages are here, so no screen shows bare keys. */
export async function changeLocale(locale: Locale): Promise<void> {
  await loadLocale(locale)
  await i18n.changeLanguage(locale)
}

function reflectLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = toLocale(language)
}

i18n.on('languageChanged', reflectLanguage)

const firstLocale = storedLocale() ?? DEFAULT_LOCALE

void i18n.use(initReactI18next).init({
  resources: {},
  lng: firstLocale,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
})

// `{{name, de}}` in fr.ts: « la ville d’Abidjan », not « la ville de Abidjan ».
i18n.services.formatter?.add('de', (value: unknown) => frenchDe(String(value)))

/**
 * Resolves once the first language's messages are here: the interface waits for it to show. If
 * they cannot be fetched, it shows anyway (with bare keys) rather than stay blank.
 */
export const firstLocaleReady: Promise<void> = loadLocale(firstLocale).catch(() => {})

/** The language the interface is showing now. */
export function currentLocale(): Locale {
  return toLocale(i18n.resolvedLanguage ?? i18n.language)
}

export default i18n
