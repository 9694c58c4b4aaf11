import type { Logger } from 'pino'
import type { Db } from '../db/db'
import { ACCESS_CHANNEL, type AccessEvent } from '../data/access-events'
import type { CollabHub } from './hub'

/**
 * When rights change anywhere (any instance: the news travels by PostgreSQL NOTIFY), the open
 * sockets concerned are checked again with the same policy as at the upgrade. The hub closes
 * those whose level changed.
 */
export function watchAccessChanges(deps: { db: Db; logger: Logger }, hub: CollabHub) {
  return deps.db.listen(ACCESS_CHANNEL, (payload) => {
    let event: AccessEvent
    try {
      event = JSON.parse(payload) as AccessEvent
    } catch {
      return
    }
    hub
      .accessChanged(
        (c) => 'all' in event || ('userId' in event && c.userId === event.userId) || ('documentId' in event && c.documentId === event.documentId),
      )
      .then((closed) => closed > 0 && deps.logger.info({ event, closed }, 'closed connections after an access change'))
      .catch((err) => deps.logger.error({ err, event }, 'could not recheck connections after an access change'))
  })
}
