import { describe, expect, it } from 'vitest'
import { adviceApplies, localisationProgress, nextDates, PHASES, STEP_KEYS, SUPPORT_ACTIVITIES, type StepKey, type StepStatus } from './localisation'
import { LOCALES } from './templates'

const TODAY = '2026-12-06'
const statuses = (entries: [StepKey, StepStatus][]) => new Map(entries)

describe('City WORKS content', () => {
  it('has three phases and eight steps, two, four and two', () => {
    expect(PHASES.map((p) => p.steps.length)).toEqual([2, 4, 2])
    expect(new Set(STEP_KEYS).size).toBe(8)
    expect(SUPPORT_ACTIVITIES).toHaveLength(5)
  })

  it('names every phase, step, question and activity in French, English and Spanish; French with typographic apostrophes', () => {
    const texts = [...PHASES.flatMap((p) => [p.name, ...p.steps.flatMap((s) => [s.name, ...s.questions])]), ...SUPPORT_ACTIVITIES.map((a) => a.name)]
    for (const text of texts) {
      for (const locale of LOCALES) expect(text[locale].trim(), text.en).not.toBe('')
      expect(text.fr, text.fr).not.toContain("'")
    }
    expect(PHASES.every((p) => p.steps.every((s) => s.questions.length > 0))).toBe(true)
  })
})

describe('a step’s days', () => {
  const notStarted = { status: 'not_started' as const, startedOn: null, doneOn: null }

  it('starting sets the start day; finishing the end day, and the start if it had none', () => {
    expect(nextDates(notStarted, 'in_progress', {}, TODAY)).toEqual({ startedOn: TODAY, doneOn: null })
    expect(nextDates(notStarted, 'done', {}, TODAY)).toEqual({ startedOn: TODAY, doneOn: TODAY })
    expect(nextDates({ status: 'in_progress', startedOn: '2026-01-05', doneOn: null }, 'done', {}, TODAY)).toEqual({ startedOn: '2026-01-05', doneOn: TODAY })
  })

  it('reopening clears the end day, going back clears both, the same status changes nothing, given days win', () => {
    const done = { status: 'done' as const, startedOn: '2026-01-05', doneOn: '2026-02-01' }
    expect(nextDates(done, 'in_progress', {}, TODAY)).toEqual({ startedOn: '2026-01-05', doneOn: null })
    expect(nextDates(done, 'not_started', {}, TODAY)).toEqual({ startedOn: null, doneOn: null })
    expect(nextDates(done, 'done', {}, TODAY)).toEqual({ startedOn: '2026-01-05', doneOn: '2026-02-01' })
    expect(nextDates(notStarted, 'done', { startedOn: '2026-03-01', doneOn: null }, TODAY)).toEqual({ startedOn: '2026-03-01', doneOn: null })
  })
})

describe('the toolkit’s advice and progress', () => {
  it('shows while a later step is under way or done and phase I has not started', () => {
    expect(adviceApplies(statuses([]))).toBe(false)
    expect(adviceApplies(statuses([['plan_for_action', 'done']]))).toBe(true)
    expect(adviceApplies(statuses([['raise_awareness', 'skipped']]))).toBe(false)
    expect(
      adviceApplies(
        statuses([
          ['raise_awareness', 'in_progress'],
          ['collect_information', 'in_progress'],
        ]),
      ),
    ).toBe(false)
    // Skipping a preparatory step is a decision about phase I: no advice.
    expect(
      adviceApplies(
        statuses([
          ['raise_awareness', 'in_progress'],
          ['define_the_process', 'skipped'],
        ]),
      ),
    ).toBe(false)
  })

  it('counts steps done and under way, phase by phase', () => {
    const progress = localisationProgress(
      statuses([
        ['collect_information', 'done'],
        ['define_the_process', 'done'],
        ['raise_awareness', 'in_progress'],
        ['plan_for_action', 'skipped'],
      ]),
    )
    expect(progress).toEqual({
      done: 2,
      inProgress: 1,
      total: 8,
      phases: [
        { key: 'prepare', done: 2, inProgress: 0, total: 2 },
        { key: 'connect', done: 0, inProgress: 1, total: 4 },
        { key: 'implement', done: 0, inProgress: 0, total: 2 },
      ],
    })
  })
})
