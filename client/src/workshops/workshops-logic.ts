import type { WorkshopView } from '../../../shared/api'
import { workshopPhase, type WorkshopPhase } from '../../../shared/workshops'

/** Today on the reader's calendar, as YYYY-MM-DD (a workshop's days are local days). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** "9–11 mars 2027" / "March 9 – 11, 2027": the workshop's days, both included, in the reader's language. */
export function formatDays(startsOn: string, endsOn: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  return format.formatRange(new Date(`${startsOn}T00:00:00Z`), new Date(`${endsOn}T00:00:00Z`))
}

/** How many deliverables are validated, and whether they all are (the screen follows them until then). */
export function deliverablesProgress(w: Pick<WorkshopView, 'deliverables'>): { validated: number; total: number; complete: boolean } {
  const validated = w.deliverables.filter((d) => d.stage === 'validated').length
  return { validated, total: w.deliverables.length, complete: validated === w.deliverables.length }
}

/** Upcoming first (soonest first), then those under way, then past ones (latest first). */
export function sortWorkshops(workshops: readonly WorkshopView[], today: string): { workshop: WorkshopView; phase: WorkshopPhase }[] {
  const rank: Record<WorkshopPhase, number> = { live: 0, upcoming: 1, past: 2 }
  return workshops
    .map((workshop) => ({ workshop, phase: workshopPhase(today, workshop) }))
    .sort(
      (a, b) =>
        rank[a.phase] - rank[b.phase] ||
        (a.phase === 'past' ? b.workshop.startsOn.localeCompare(a.workshop.startsOn) : a.workshop.startsOn.localeCompare(b.workshop.startsOn)),
    )
}
