import type { VersionSummary } from '../../../shared/api'
import { formatDateTime } from '../lib/format'

/** A version as people name it: its name, or "Automatic version — <date>". */
export function versionLabel(v: Pick<VersionSummary, 'name' | 'createdAt'>, automatic: string, locale: string): string {
  return v.name ?? `${automatic} — ${formatDateTime(v.createdAt, locale)}`
}
