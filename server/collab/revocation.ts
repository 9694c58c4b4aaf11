import type { Logger } from 'pino'
import type { Db } from '../db/db'
import type { AppDeps } from '../context'
import { sessionIsValid } from '../auth/session'
import { ACCESS_CHANNEL, type AccessEvent } from '../data/access-events'
import { loadActor } from '../data/grants'
import { accessLevel } from '../../shared/policy'
import type { AccessCheck, CollabHub } from './hub'
import type { Actor } from '../../shared/domain'

/**
 * When rights change anywhere (any instance), the open sockets concerned are checked again
 * with the same policy as at the upgrade. The hub closes those whose level changed.
 */
export function watchAccessChanges(deps: { db: Db; auth: AppDeps['auth']; logger: Logger }, hub: CollabHub) {
  /** One load of each person's rights per change, however many sockets they have open. */
  const checker = (actors = new Map<string, Promise<Actor>>()): AccessCheck => async (c) => {
    if (c.sessionId && !(await sessionIsValid(deps.auth, c.sessionId))) return 'session-ended'
    if (!actors.has(c.userId)) actors.set(c.userId, loadActor(deps.db, c.userId))
    return accessLevel(await actors.get(c.userId)!, c.space)
  }
  hub.useAccessCheck(async (c) => checker()(c))
  return deps.db.listen(ACCESS_CHANNEL, (payload) => {
    let event: AccessEvent
    try {
      event = JSON.parse(payload) as AccessEvent
    } catch {
      return
    }
    hub
      .accessChanged((c) => 'all' in event || c.userId === event.userId, checker())
      .then((closed) => closed > 0 && deps.logger.info({ event, closed }, 'closed connections after an access change'))
      .catch((err) => deps.logger.error({ err, event }, 'could not recheck connections after an access change'))
  })
}
