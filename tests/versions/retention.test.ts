import { describe, expect, it } from 'vitest'
import { versionsToThin } from '../../server/versions/retention'

/** Thinning of automatic versions as they age, on a fixed clock. */
const NOW = new Date('2025-06-30T12:00:00Z')
const POLICY = { keepAllHours: 24, hourlyDays: 7 }
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000)
const version = (id: string, minutesAgo: number) => ({ id, createdAt: ago(minutesAgo) })

describe('automatic version retention', () => {
  it('keeps every version of the last 24 hours', () => {
    const recent = [version('a', 23 * 60), version('b', 60), version('c', 5), version('d', 1)]
    expect(versionsToThin(recent, NOW, POLICY)).toEqual([])
  })

  it('keeps the last of each hour up to 7 days, then the last of each day', () => {
    const versions = [
      // Two days ago, within one clock hour (10:00–11:00 UTC): only the later stays.
      version('hour-early', 2 * 1440 + 110),
      version('hour-late', 2 * 1440 + 70),
      // Another hour of the same day: kept.
      version('other-hour', 2 * 1440 + 10),
      // Ten days ago (June 20), three in one day: only the day's last stays.
      version('day-1', 10 * 1440 + 600),
      version('day-2', 10 * 1440 + 300),
      version('day-3', 10 * 1440 + 60),
      // Eleven days ago: alone in its day.
      version('older-day', 11 * 1440),
    ].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())
    expect(versionsToThin(versions, NOW, POLICY).sort()).toEqual(['day-1', 'day-2', 'hour-early'])
  })

  it('follows the configured windows', () => {
    // 09:50 and 10:05 UTC: two hours of one day.
    const versions = [version('a', 130), version('b', 115)]
    expect(versionsToThin(versions, NOW, { keepAllHours: 0, hourlyDays: 7 })).toEqual([])
    expect(versionsToThin(versions, NOW, { keepAllHours: 0, hourlyDays: 0 })).toEqual(['a'])
    expect(versionsToThin(versions, NOW, { keepAllHours: 3, hourlyDays: 0 })).toEqual([])
  })
})
