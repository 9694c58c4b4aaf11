import type { Logger } from 'pino'
import type { Db } from '../db/db'
import { ACCESS_CHANNEL, type AccessEvent } from '../data/access-events'
import type { CollabHub } from './hub'
import type { Connection } from './connection'

/**
 * When rights change anywhere (any instance: the news travels by PostgreSQL NOTIFY), the open
 * sockets concerned are checked again with the same policy as at the upgrade. The hub closes
 * those whose level changed. A notice can be lost — sent while the listening connection was
 * down — so every socket is also checked again whenever listening restarts, and every
 * `recheckMs` in any case: a lost notice is enforced within that bound.
 */
export async function watchAccessChanges(deps: { db: Db; logger: Logger }, hub: CollabHub, recheckMs: number): Promise<() => Promise<void>> {
  const recheck = (select: (c: Connection) => boolean, why: object) =>
    hub
      .accessChanged(select)
      .then((closed) => closed > 0 && deps.logger.info({ ...why, closed }, 'closed connections after an access change'))
      .catch((err) => deps.logger.error({ err, ...why }, 'could not recheck connections after an access change'))
  let listening = false
  const stop = await deps.db.listen(
    ACCESS_CHANNEL,
    (payload) => {
      let event: AccessEvent
      try {
        event = JSON.parse(payload) as AccessEvent
      } catch {
        return
      }
      void recheck((c) => 'all' in event || ('userId' in event && c.userId === event.userId) || ('documentId' in event && c.documentId === event.documentId), {
        event,
      })
    },
    () => {
      // Not the first time: what was announced while not listening is unknown, so everyone is checked.
      if (listening) void recheck(() => true, { reason: 'listening again after a lost database connection' })
      listening = true
    },
  )
  const timer = setInterval(() => void recheck(() => true, { reason: 'periodic check' }), recheckMs)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await stop()
  }
}
