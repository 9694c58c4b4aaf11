import type { SearchResultType } from '../../../shared/api'
import type { TranslationKey } from '../i18n/types'

/**
 * Each type of result's name, many (a group, a chip) and one (beside a result). Typed over every
 * type: one added to SEARCH_RESULT_TYPES does not compile until it is named here.
 */
export const RESULT_TYPE_LABELS: Record<SearchResultType, { many: TranslationKey; one: TranslationKey }> = {
  document: { many: 'search.types.document', one: 'search.type.document' },
  thread: { many: 'search.types.thread', one: 'search.type.thread' },
  version: { many: 'search.types.version', one: 'search.type.version' },
  workshop: { many: 'search.types.workshop', one: 'search.type.workshop' },
  practice: { many: 'search.types.practice', one: 'search.type.practice' },
  onboarding: { many: 'search.types.onboarding', one: 'search.type.onboarding' },
  localisation: { many: 'search.types.localisation', one: 'search.type.localisation' },
  person: { many: 'search.types.person', one: 'search.type.person' },
  city: { many: 'search.types.city', one: 'search.type.city' },
  network: { many: 'search.types.network', one: 'search.type.network' },
}
