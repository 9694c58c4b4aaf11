import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LOCALES } from '../../../shared/templates'
import { frenchDe } from '../lib/french'
import en from './en'
import es from './es'
import fr from './fr'
import { DEFAULT_LOCALE, storedLocale, toLocale, type Locale } from './locale'
import type { Messages } from './types'

/** One translation per locale: adding a language to LOCALES without its messages does not compile. */
export const resources = {
  fr: { translation: fr },
  en: { translation: en },
  es: { translation: es },
} as const satisfies Record<Locale, { translation: Messages }>

function reflectLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = toLocale(language)
}

i18n.on('languageChanged', reflectLanguage)

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLocale() ?? DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
})

// `{{name, de}}` in fr.ts: « la ville d’Abidjan », not « la ville de Abidjan ».
i18n.services.formatter?.add('de', (value: unknown) => frenchDe(String(value)))

/** The language the interface is showing now. */
export function currentLocale(): Locale {
  return toLocale(i18n.resolvedLanguage ?? i18n.language)
}

export default i18n
