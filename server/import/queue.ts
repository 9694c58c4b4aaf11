import { ApiError } from '../errors'

/**
 * Who gets the import threads, per instance. Two files convert at once (each thread has a heap of
 * its own); a few more may wait their turn, none for longer than `waitMs`; and one person has at
 * most `perUser` imports under way (sending, waiting or converting), so one person's files cannot
 * fill the queue everyone else waits in.
 */
export type QueueLimits = { perUser: number; waiting: number; waitMs: number }

const AT_ONCE = 2
let running = 0
const waiting: (() => void)[] = []
const underway = new Map<string, number>()

/** An import converts within 30 s, so a minute sees the queue through. */
const RETRY_AFTER_SECONDS = 60

const busy = () => new ApiError('unavailable', 'Too many imports are under way; try again in a minute', { retryAfter: RETRY_AFTER_SECONDS })

/** Counts one more import under way for this person, until the function returned is called; past their limit, 429. */
export function startImport(userId: string, limits: QueueLimits): () => void {
  const mine = underway.get(userId) ?? 0
  if (mine >= limits.perUser) {
    throw new ApiError('rate_limited', `You already have ${mine} imports under way; try again once one has finished`, {
      retryAfter: RETRY_AFTER_SECONDS,
    })
  }
  underway.set(userId, mine + 1)
  return () => {
    const left = (underway.get(userId) ?? 1) - 1
    if (left > 0) underway.set(userId, left)
    else underway.delete(userId)
  }
}

/** Runs `job` when one of the import threads is free; 503 when too many already wait, or once it has waited `waitMs`. */
export async function inTurn<T>(limits: QueueLimits, job: () => Promise<T>): Promise<T> {
  if (running < AT_ONCE) running++
  else {
    if (waiting.length >= limits.waiting) throw busy()
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(turn), 1)
        reject(busy())
      }, limits.waitMs)
      waiting.push(turn)
    })
  }
  try {
    return await job()
  } finally {
    // A finished import hands its turn straight to the next one waiting.
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}
