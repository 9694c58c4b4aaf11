/** Calendar days travel as YYYY-MM-DD, read in UTC; moments are milliseconds. */
export const DAY_MS = 86_400_000

/** Whole days from a day to a moment; 0 when the moment comes first. */
export const daysSince = (day: string, until: number): number => Math.max(0, Math.floor((until - Date.parse(day)) / DAY_MS))

/** The day `days` after `day`. */
export const addDays = (day: string, days: number): string => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10)
