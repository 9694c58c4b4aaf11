import type { VersionSummary } from '../../../shared/api'

/** A version as people name it: its name, or "Automatic version — <date>". */
export function versionLabel(v: Pick<VersionSummary, 'name' | 'createdAt'>, automatic: string, date: (iso: string) => string): string {
  return v.name ?? `${automatic} — ${date(v.createdAt)}`
}
