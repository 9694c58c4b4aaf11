import type { Logger } from 'pino'
import type { Auth } from './lucia'

const HOUR_MS = 3_600_000

/**
 * An expired session is refused when presented, but one never presented again would stay
 * stored forever: remove them at start, then every hour. The timer does not keep the process
 * alive; the returned stop() clears it and waits for a purge under way.
 */
export function purgeExpiredSessions(auth: Auth, logger: Logger, everyMs = HOUR_MS): () => Promise<void> {
  let running = Promise.resolve()
  const purge = () => {
    running = running
      .then(() => auth.purgeExpired())
      .then((removed) => void (removed > 0 && logger.info({ removed }, 'expired sessions removed')))
      .catch((err) => logger.error({ err }, 'could not remove expired sessions'))
  }
  purge()
  const timer = setInterval(purge, everyMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
