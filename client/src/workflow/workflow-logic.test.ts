import { describe, expect, it } from 'vitest'
import { isOverdue } from '../../../shared/domain'
import { recentQuarters } from './ReportForm'

describe('the submission cycle in the browser', () => {
  it('a document is overdue once its day is past, while it is still with the city', () => {
    const today = '2026-03-16'
    expect(isOverdue({ stage: 'draft', dueOn: '2026-03-15' }, today)).toBe(true)
    expect(isOverdue({ stage: 'returned', dueOn: '2026-03-15' }, today)).toBe(true)
    expect(isOverdue({ stage: 'draft', dueOn: '2026-03-16' }, today)).toBe(false)
    expect(isOverdue({ stage: 'submitted', dueOn: '2026-03-01' }, today)).toBe(false)
    expect(isOverdue({ stage: 'validated', dueOn: '2026-03-01' }, today)).toBe(false)
    expect(isOverdue({ stage: 'draft', dueOn: null }, today)).toBe(false)
  })

  it('offers the last four quarters, across a year’s end', () => {
    expect(recentQuarters(new Date(Date.UTC(2026, 11, 5)))).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1'])
    expect(recentQuarters(new Date(Date.UTC(2026, 1, 1)))).toEqual(['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2'])
  })
})
