import type { Logger } from 'pino'
import type { Db } from '../db/db'
import type { AppDeps } from '../context'
import { sessionIsValid } from '../auth/session'
import { ACCESS_CHANNEL, type AccessEvent } from '../data/access-events'
import { loadActor } from '../data/grants'
import { accessLevel } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import type { CollabHub } from './hub'

/**
 * When rights change anywhere (any instance), the open sockets concerned are checked again:
 * a socket whose level is no longer what it was opened with is closed. The client may
 * reconnect, and is checked again at the upgrade.
 */
export function watchAccessChanges(deps: { db: Db; auth: AppDeps['auth']; logger: Logger }, hub: CollabHub) {
  return deps.db.listen(ACCESS_CHANNEL, (payload) => {
    let event: AccessEvent
    try {
      event = JSON.parse(payload) as AccessEvent
    } catch {
      return
    }
    const actors = new Map<string, Promise<Actor>>()
    const actorOf = (userId: string) => {
      if (!actors.has(userId)) actors.set(userId, loadActor(deps.db, userId))
      return actors.get(userId)!
    }
    hub
      .recheck(
        (c) => 'all' in event || c.userId === event.userId,
        async (c, space) => {
          if (c.sessionId && !(await sessionIsValid(deps.auth, c.sessionId))) return 'session-ended'
          return accessLevel(await actorOf(c.userId), space)
        },
      )
      .then((closed) => closed > 0 && deps.logger.info({ event, closed }, 'closed connections after an access change'))
      .catch((err) => deps.logger.error({ err, event }, 'could not recheck connections after an access change'))
  })
}
