import { describe, expect, it } from 'vitest'
import { datesFromInputs, datesToInputs, LONG_GAP_DAYS, membershipGap } from './memberships'

describe('membershipGap', () => {
  it('is unknown until the city has a selection date', () => {
    expect(membershipGap({ gapDays: null, startedOn: null })).toBeNull()
  })

  it('flags a city selected long ago that has not started', () => {
    expect(membershipGap({ gapDays: 320, startedOn: null })).toEqual({ days: 320, started: false, long: true })
    expect(membershipGap({ gapDays: 20, startedOn: null })).toEqual({ days: 20, started: false, long: false })
  })

  it('says how long a started city waited, long from three months on', () => {
    expect(LONG_GAP_DAYS).toBe(90)
    expect(membershipGap({ gapDays: 63, startedOn: '2026-03-16' })).toEqual({ days: 63, started: true, long: false })
    expect(membershipGap({ gapDays: 89, startedOn: '2026-03-16' })!.long).toBe(false)
    expect(membershipGap({ gapDays: 90, startedOn: '2026-03-16' })!.long).toBe(true)
  })
})

describe('membership dates in forms', () => {
  const inputs = { selectedOn: '2026-01-12', confirmedOn: ' ', startedOn: '' }

  it('leaves empty dates out when adding a city', () => {
    expect(datesFromInputs(inputs, undefined)).toEqual({ selectedOn: '2026-01-12', confirmedOn: undefined, startedOn: undefined })
  })

  it('clears empty dates when editing one', () => {
    expect(datesFromInputs(inputs, null)).toEqual({ selectedOn: '2026-01-12', confirmedOn: null, startedOn: null })
  })

  it('fills the inputs from a membership', () => {
    expect(datesToInputs({ selectedOn: '2026-01-12', confirmedOn: null, startedOn: '2026-03-16' })).toEqual({
      selectedOn: '2026-01-12',
      confirmedOn: '',
      startedOn: '2026-03-16',
    })
  })
})
