import { describe, expect, it } from 'vitest'
import { formatDay, formatDayRange, formatNumber } from './format'

describe('formatDay', () => {
  it('writes a YYYY-MM-DD day in the reader’s language', () => {
    expect(formatDay('2026-01-12', 'fr')).toBe('12 janvier 2026')
    expect(formatDay('2026-01-12', 'en')).toBe('January 12, 2026')
  })

  it('keeps the day whatever the time zone (a day is not an instant)', () => {
    // Midnight UTC is still the evening before in the Americas: the day must not move.
    const zone = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    try {
      expect(formatDay('2026-03-01', 'fr')).toBe('1 mars 2026')
    } finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('leaves anything that is not a day as it came', () => {
    expect(formatDay('12/01/2026', 'fr')).toBe('12/01/2026')
    expect(formatDay('2026-13-45', 'fr')).toBe('2026-13-45')
  })
})

describe('formatDayRange', () => {
  it('leaves out of the first day what the last repeats', () => {
    expect(formatDayRange('2027-03-09', '2027-03-11', 'fr')).toEqual({ from: '9', to: '11 mars 2027' })
    expect(formatDayRange('2027-03-09', '2027-03-11', 'es')).toEqual({ from: '9', to: '11 de marzo de 2027' })
    expect(formatDayRange('2027-03-09', '2027-03-11', 'en')).toEqual({ from: 'March 9', to: 'March 11, 2027' })
    expect(formatDayRange('2027-03-31', '2027-04-01', 'fr')).toEqual({ from: '31 mars', to: '1 avril 2027' })
    expect(formatDayRange('2026-12-31', '2027-01-01', 'fr')).toEqual({ from: '31 décembre 2026', to: '1 janvier 2027' })
  })
})

describe('formatNumber', () => {
  it('groups digits as the reader’s language does', () => {
    expect(formatNumber(1250, 'fr')).toBe('1\u202f250')
    expect(formatNumber(1250, 'en')).toBe('1,250')
  })
})
