import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { toLocale, type Locale } from './locale'
import type { Message } from './types'

/** `t` for static keys, `message` for a Message computed elsewhere, and the current language. */
export function useI18n(): { t: ReturnType<typeof useTranslation>['t']; message: (m: Message) => string; locale: Locale } {
  const { t, i18n } = useTranslation()
  const message = useCallback((m: Message): string => t(m.key, m.values ?? {}), [t])
  return { t, message, locale: toLocale(i18n.resolvedLanguage ?? i18n.language) }
}
