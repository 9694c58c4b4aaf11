/**
 * The onboarding checklist of a city joining a network, from the seeds' six objectives
 * ("Intégration des villes"). The first objective — participation confirmed and paperwork done —
 * is three items, because the paperwork is what takes longest (the seeds' lesson).
 */
export const ONBOARDING_ITEMS = [
  'participation_confirmed',
  'contract_signed',
  'first_transfer',
  'made_public',
  'expectations_defined',
  'questions_answered',
  'participants_introduced',
  'innovation_culture',
] as const
export type OnboardingItemKey = (typeof ONBOARDING_ITEMS)[number]

/** The paperwork: first contracts and transfers take longer than planned. */
export const PAPERWORK: readonly OnboardingItemKey[] = ['contract_signed', 'first_transfer']

/** The six objectives, each made of the items that complete it. */
export const OBJECTIVES: readonly (readonly OnboardingItemKey[])[] = [
  ['participation_confirmed', 'contract_signed', 'first_transfer'],
  ['made_public'],
  ['expectations_defined'],
  ['questions_answered'],
  ['participants_introduced'],
  ['innovation_culture'],
]

/** Paperwork still open this long after the city confirmed (or was selected) is flagged. */
export const PAPERWORK_LATE_DAYS = 60

/** How many objectives are met, given the items done. */
export function objectivesMet(done: ReadonlySet<OnboardingItemKey>): number {
  return OBJECTIVES.filter((items) => items.every((key) => done.has(key))).length
}
