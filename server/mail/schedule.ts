import type { Logger } from 'pino'
import { sendDigests } from '../commands/digests'
import { remindDueDates } from '../commands/due-reminders'
import type { Db } from '../db/db'
import type { Mail } from './mail'

const HOUR_MS = 3_600_000

/**
 * Every hour (and a minute after start), on every instance: due-date reminders, and the daily
 * digests of those whose morning has come. Each is recorded once (commands/due-reminders.ts,
 * commands/digests.ts), so several instances looking send it once. Returns a function that stops it.
 */
export function scheduleMailRounds(deps: { db: Db; mail: Mail; logger: Logger }, everyMs = HOUR_MS): () => void {
  if (!deps.mail.enabled) return () => {}
  const round = async (what: string, work: () => Promise<number>) => {
    try {
      const queued = await work()
      if (queued > 0) {
        deps.logger.info({ queued }, `${what} queued`)
        deps.mail.nudge()
      }
    } catch (err) {
      deps.logger.warn({ err }, `${what} could not be looked for; trying again at the next round`)
    }
  }
  // Each on its own: a failure of one does not hold the other.
  const run = async () => {
    const now = new Date()
    await round('due-date reminders', () => remindDueDates(deps, now.toISOString().slice(0, 10)))
    await round('digests', () => sendDigests(deps, now))
  }
  const first = setTimeout(run, 60_000)
  const every = setInterval(run, everyMs)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
