import 'i18next'
import type fr from './fr'

/** Typed keys: t('home.greeting') is checked against fr.ts. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof fr }
  }
}
