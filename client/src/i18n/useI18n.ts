import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { toLocale, type Locale } from './locale'
import type { Message, TranslationKey } from './types'

/**
 * Translates a key of fr.ts. Typed here rather than through i18next's own key inference, which
 * exceeds TypeScript's instantiation depth once the catalogue grows; keys are still checked.
 */
export type Translate = (key: TranslationKey, values?: Record<string, unknown>) => string

/** `t` for static keys, `message` for a Message computed elsewhere, and the current language. */
export function useI18n(): { t: Translate; message: (m: Message) => string; locale: Locale } {
  const { t: i18nextT, i18n } = useTranslation()
  const t = useCallback<Translate>((key, values) => (i18nextT as unknown as (key: string, values?: Record<string, unknown>) => string)(key, values), [i18nextT])
  const message = useCallback((m: Message): string => t(m.key, m.values ?? {}), [t])
  return { t, message, locale: toLocale(i18n.resolvedLanguage ?? i18n.language) }
}
