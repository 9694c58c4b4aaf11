import { describe, expect, it } from 'vitest'
import type { DocumentSummary, WorkshopView } from '../../../shared/api'
import { workshopPhase } from '../../../shared/workshops'
import { deliverablesProgress, formatDays, localToday, sortWorkshops } from './workshops-logic'

const workshop = (id: string, startsOn: string, endsOn: string, stages: DocumentSummary['stage'][] = []) =>
  ({ id, startsOn, endsOn, deliverables: stages.map((stage) => ({ stage }) as DocumentSummary) }) as WorkshopView

describe('workshops on screen', () => {
  it('a workshop is upcoming before its first day, live on its days, past after its last', () => {
    const days = { startsOn: '2027-03-09', endsOn: '2027-03-11' }
    expect(['2027-03-08', '2027-03-09', '2027-03-11', '2027-03-12'].map((d) => workshopPhase(d, days))).toEqual(['upcoming', 'live', 'live', 'past'])
  })

  it('its days read as one range in the reader’s language', () => {
    expect(formatDays('2027-03-09', '2027-03-11', 'fr')).toBe('9–11 mars 2027')
    expect(formatDays('2027-03-30', '2027-04-01', 'es').replace(/\s/g, ' ')).toBe('30 de marzo – 1 de abril de 2027')
  })

  it('today is the local calendar day', () => {
    expect(localToday(new Date(2027, 0, 5, 23, 30))).toBe('2027-01-05')
  })

  it('lists those under way first, then the upcoming soonest first, then the past latest first', () => {
    const list = [
      workshop('old', '2026-01-10', '2026-01-11'),
      workshop('next', '2027-06-01', '2027-06-02'),
      workshop('now', '2027-03-09', '2027-03-10'),
      workshop('recent', '2026-11-02', '2026-11-04'),
      workshop('soon', '2027-04-01', '2027-04-03'),
    ]
    expect(sortWorkshops(list, '2027-03-10').map((w) => `${w.workshop.id}:${w.phase}`)).toEqual([
      'now:live',
      'soon:upcoming',
      'next:upcoming',
      'recent:past',
      'old:past',
    ])
  })

  it('follows the deliverables until all are validated', () => {
    expect(deliverablesProgress(workshop('w', '2026-01-10', '2026-01-11', ['validated', 'submitted', 'draft', 'validated']))).toEqual({
      validated: 2,
      total: 4,
      complete: false,
    })
    expect(deliverablesProgress(workshop('w', '2026-01-10', '2026-01-11', ['validated', 'validated']))).toMatchObject({ complete: true })
  })
})
