/**
 * How automatic versions are thinned as they age: all are kept for `keepAllHours`, then the
 * last of each hour until `hourlyDays`, then the last of each day. Named, restore and locked
 * versions are never thinned (the caller passes only the others).
 */
export type RetentionPolicy = { keepAllHours: number; hourlyDays: number }

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The ids to remove, given automatic versions and the time now. */
export function versionsToThin(versions: { id: string; createdAt: Date }[], now: Date, policy: RetentionPolicy): string[] {
  const newestOfBucket = new Map<string, { id: string; at: number }>()
  const remove: string[] = []
  for (const v of versions) {
    const at = v.createdAt.getTime()
    const age = now.getTime() - at
    if (age < policy.keepAllHours * HOUR) continue
    const bucket = age < policy.hourlyDays * DAY ? `h${Math.floor(at / HOUR)}` : `d${Math.floor(at / DAY)}`
    const kept = newestOfBucket.get(bucket)
    if (!kept) newestOfBucket.set(bucket, { id: v.id, at })
    else if (at > kept.at) {
      remove.push(kept.id)
      newestOfBucket.set(bucket, { id: v.id, at })
    } else remove.push(v.id)
  }
  return remove
}
