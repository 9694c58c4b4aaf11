import type { Logger } from 'pino'
import { remindDueDates } from '../commands/due-reminders'
import type { Db } from '../db/db'
import type { Mail } from './mail'

const HOUR_MS = 3_600_000

/**
 * Looks for due-date reminders every hour (and a minute after start), on every instance: each is
 * recorded once (commands/due-reminders.ts), so several instances looking send it once. Returns
 * a function that stops it.
 */
export function scheduleDueReminders(deps: { db: Db; mail: Mail; logger: Logger }, everyMs = HOUR_MS): () => void {
  if (!deps.mail.enabled) return () => {}
  const run = async () => {
    try {
      const sent = await remindDueDates(deps, new Date().toISOString().slice(0, 10))
      if (sent > 0) {
        deps.logger.info({ sent }, 'due-date reminders queued')
        deps.mail.nudge()
      }
    } catch (err) {
      deps.logger.warn({ err }, 'due-date reminders could not be looked for; trying again at the next round')
    }
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
