import { Hono, type Context } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import { z } from 'zod'
import type { AppEnv } from '../context'
import { sameOrigin } from '../auth/csrf'
import { userOfSessionCookie } from '../auth/session'
import { hashToken } from '../auth/tokens'
import { getDocument, policyTarget, type DocumentRow } from '../data/documents'
import { loadActor } from '../data/grants'
import { findCollabToken } from '../data/collab-tokens'
import { findUserById } from '../data/users'
import { getCities } from '../data/workspace'
import { accessLevel, rolesIn, takesPart, type OpenAccess } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import { CLOSE, Connection, type Admission, type Credential } from './connection'
import type { CollabHub } from './hub'
import { ByteBudget, MESSAGE_COST_BYTES } from './flow'
import { colorFor, type PresenceUser } from '../../shared/collab'

type CollabEnv = { Variables: AppEnv['Variables'] & { admitted: Admission } }

/**
 * `/collab/<documentId>`: the y-websocket endpoint. Everything is decided before the upgrade:
 * who is asking (session cookie, or a collab token for non-browser clients), whether the
 * document exists, and what the policy lets them do. A refused upgrade never becomes a socket.
 */
export function collabRoutes(upgradeWebSocket: UpgradeWebSocket, hub: CollabHub) {
  return new Hono<CollabEnv>().get(
    '/:id',
    async (c, next) => {
      const verdict = await admit(c, hub)
      if ('refuse' in verdict) return c.text(verdict.refuse[1], verdict.refuse[0])
      c.set('admitted', verdict)
      return next()
    },
    upgradeWebSocket((c) => {
      const admitted = c.var.admitted
      const { logger, config } = c.var.deps
      let connection: Connection | undefined
      return {
        onOpen(_event, ws) {
          const budget = new ByteBudget(config.collab.writeBytesPerSecond, config.collab.maxMessageBytes + MESSAGE_COST_BYTES)
          connection = new Connection(ws, admitted, logger, budget)
          const joining = connection
          hub.join(joining).catch((err) => {
            logger.error({ err, documentId: admitted.documentId }, 'error while a connection joined its document')
            joining.close(CLOSE.serverError, 'internal error')
          })
        },
        onMessage(event) {
          if (!connection) return
          if (typeof event.data === 'string') connection.close(CLOSE.protocolError, 'binary messages only')
          else connection.receive(new Uint8Array(event.data as ArrayBuffer))
        },
        onClose() {
          if (connection) hub.leave(connection)
        },
        onError(event) {
          logger.info({ err: (event as ErrorEvent).error?.message, documentId: admitted.documentId }, 'socket error')
        },
      }
    }),
  )
}

async function admit(c: Context<CollabEnv>, hub: CollabHub): Promise<Admission | { refuse: [401 | 403 | 404 | 503, string] }> {
  const { db, config } = c.var.deps
  // Taken before reading any rights: a change committed after this makes the hub ask again.
  const epoch = hub.accessEpoch
  const documentId = c.req.param('id')
  if (!documentId || !z.uuid().safeParse(documentId).success) return { refuse: [404, 'no such document'] }

  let userId: string
  let credential: Credential
  let expiresAt: Date
  const token = c.req.query('token')
  if (token) {
    const hash = hashToken(token)
    const found = await findCollabToken(db, hash, documentId)
    if (!found) return { refuse: [401, 'invalid or expired collab token'] }
    ;({ userId, expiresAt } = found)
    credential = { kind: 'collab-token', hash }
  } else {
    // A page on another site could open a socket with our cookie attached: the origin must be ours.
    const origin = c.req.header('origin')
    if (!origin || !sameOrigin(origin, config.publicUrl, c.req.header('host'))) return { refuse: [403, 'cross-site WebSocket refused'] }
    const session = await userOfSessionCookie(c)
    if (!session) return { refuse: [401, 'sign in first'] }
    ;({ userId, expiresAt } = session)
    credential = { kind: 'session', token: session.token }
  }

  const doc = await getDocument(db, documentId)
  if (!doc) return { refuse: [404, 'no such document'] }
  const actor = await loadActor(db, userId)
  const access = accessLevel(actor, policyTarget(doc))
  if (access === 'none') return { refuse: [403, 'you may not open this document'] }
  if (hub.connectionCount(documentId) >= hub.options.maxConnectionsPerDocument) {
    return { refuse: [503, 'this document has too many connections; try again later'] }
  }
  const identity = await presence(c, userId, actor, doc, access)
  return { documentId, space: doc.space, userId, credential, expiresAt, access, identity, epoch }
}

/** Name, city and role as others see them, from the database, not from the client. */
async function presence(c: Context<CollabEnv>, userId: string, actor: Actor, doc: DocumentRow, access: OpenAccess): Promise<PresenceUser> {
  const { db } = c.var.deps
  const { space, workshopId } = doc
  const user = await findUserById(db, userId)
  const teamCities = actor.grants.filter((g) => g.role === 'city_team').map((g) => g.cityId!)
  // The city they speak for here, else their own (a peer from another city invited as expert).
  const cityId =
    (space.type === 'city'
      ? teamCities.find((id) => id === space.id)
      : actor.memberships.find((m) => m.networkId === space.id && teamCities.includes(m.cityId))?.cityId) ?? teamCities[0]
  const [city] = cityId ? await getCities(db, [cityId]) : []
  return {
    id: userId,
    name: user?.name ?? '',
    color: colorFor(userId),
    city: city?.name ?? null,
    // A guest of the document's workshop holds no role in its space.
    role: [...rolesIn(actor, space)][0] ?? (workshopId !== null && takesPart(actor, workshopId) ? 'participant' : 'reader'),
    access,
  }
}
