import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { newLinkToken } from '../../auth/tokens'
import { addParticipant, changeWorkshop, createWorkshop, fundedCounts, removeParticipant } from '../../commands/workshops'
import { getDocuments } from '../../data/documents'
import { findUserById } from '../../data/users'
import { inviteParticipant } from '../../commands/invitations'
import { getParticipant, getWorkshop, listParticipants, listWorkshops, listWorkshopsAmong, workshopDocuments, type WorkshopRow } from '../../data/workshops'
import { getNetworks, listMemberships } from '../../data/workspace'
import type { Queryable } from '../../db/db'
import { ApiError, forbidden, notFound } from '../../errors'
import { authorizeSpace } from '../access'
import { appUrl } from '../links'
import { presentDocument } from '../presenters'
import { idParam, validate } from '../validate'
import { can, canSeeWorkshop, readableSpaces } from '../../../shared/policy'
import { DAY_MS } from '../../../shared/days'
import type { Actor } from '../../../shared/domain'
import { participantBody, participantInvitationBody, workshopBody } from '../../../shared/schemas'
import { WORKSHOP_DELIVERABLES } from '../../../shared/workshops'
import type { LinkResponse, WorkshopList, WorkshopView } from '../../../shared/api'

/**
 * `/api/networks/:id/workshops` and `/api/workshops/:id`: the network's international workshops.
 * Its readers see them, and so do those taking part (a guest sees only theirs); the secretariat
 * and the pilot city organise them; the secretariat decides who takes part, and who is funded,
 * within its caps, and sends guests their links.
 */

const networkOf = (id: string) => ({ type: 'network', id }) as const

async function present(q: Queryable, actor: Actor, w: WorkshopRow): Promise<WorkshopView> {
  const [documents, participants, memberships, [networkRow]] = await Promise.all([
    workshopDocuments(q, w.id),
    listParticipants(q, w.id),
    listMemberships(q, { networkId: w.networkId }),
    getNetworks(q, [w.networkId]),
  ])
  const rows = await getDocuments(q, [...documents.values()])
  const summary = (role: string) => presentDocument(actor, rows.get(documents.get(role)!)!)
  const cityName = (id: string | null) => memberships.find((m) => m.cityId === id)?.cityName
  const network = networkOf(w.networkId)
  return {
    id: w.id,
    networkId: w.networkId,
    networkTheme: networkRow?.theme ?? '',
    title: w.title,
    host: w.hostCityId && cityName(w.hostCityId) ? { id: w.hostCityId, name: cityName(w.hostCityId)! } : null,
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    place: w.place,
    objectives: w.objectives,
    agenda: summary('agenda'),
    deliverables: WORKSHOP_DELIVERABLES.map(summary),
    participants: participants.map((p) => ({
      id: p.id,
      kind: p.kind,
      funded: p.funded,
      userId: p.userId,
      name: p.name,
      city: p.cityId && cityName(p.cityId) ? { id: p.cityId, name: cityName(p.cityId)! } : null,
    })),
    funded: fundedCounts(participants),
    allowed: { organise: can(actor, 'organise_workshop', network), manageParticipants: can(actor, 'manage_members', network) },
  }
}

/** A city named in a body (the host, a representative's city) must be one of the network's: 400 on that field otherwise. */
function requireNetworkCity(members: readonly { cityId: string }[], cityId: string, path: string, message: string): void {
  if (!members.some((m) => m.cityId === cityId)) throw new ApiError('invalid_input', message, { fields: [{ path, message: 'not a city of this network' }] })
}

/** The host, when given, is one of the network's cities; by default the pilot city. */
async function hostOf(q: Queryable, networkId: string, hostCityId: string | null | undefined): Promise<string | null> {
  const members = await listMemberships(q, { networkId })
  if (hostCityId === undefined) return members.find((m) => m.kind === 'pilot')?.cityId ?? null
  if (hostCityId !== null) requireNetworkCity(members, hostCityId, 'hostCityId', 'The host is one of the network’s cities')
  return hostCityId
}

async function existingWorkshop(c: Context<AppEnv>): Promise<WorkshopRow> {
  const workshop = await getWorkshop(c.var.deps.db, c.req.param('id')!)
  if (!workshop) throw notFound('No such workshop')
  return workshop
}

export const networkWorkshopRoutes = new Hono<AppEnv>()
  .get('/workshops', idParam('id'), async (c) => {
    const network = networkOf(c.req.param('id')!)
    await authorizeSpace(c, network, 'read')
    const { db } = c.var.deps
    const { actor } = requireIdentity(c)
    const body: WorkshopList = { workshops: await Promise.all((await listWorkshops(db, network.id)).map((w) => present(db, actor, w))) }
    return c.json(body)
  })
  .post('/workshops', idParam('id'), validate('json', workshopBody), async (c) => {
    const network = networkOf(c.req.param('id')!)
    await authorizeSpace(c, network, 'organise_workshop')
    const { db } = c.var.deps
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    const id = await createWorkshop(db, user.id, network.id, { ...body, hostCityId: await hostOf(db, network.id, body.hostCityId) }, user.locale)
    return c.json(await present(db, actor, (await getWorkshop(db, id))!), 201)
  })

export const workshopRoutes = new Hono<AppEnv>()
  // For the home page: the workshops one takes part in, and those of the networks one reads.
  .get('/', async (c) => {
    const { db } = c.var.deps
    const { actor } = requireIdentity(c)
    const rows = await listWorkshopsAmong(db, { networkIds: readableSpaces(actor).networkIds, workshopIds: actor.workshops })
    const body: WorkshopList = { workshops: await Promise.all(rows.map((w) => present(db, actor, w))) }
    return c.json(body)
  })
  .get('/:id', idParam('id'), async (c) => {
    const workshop = await existingWorkshop(c)
    const { actor } = requireIdentity(c)
    if (!canSeeWorkshop(actor, workshop)) throw forbidden('You may not read this workshop')
    return c.json(await present(c.var.deps.db, actor, workshop))
  })
  .patch('/:id', idParam('id'), validate('json', workshopBody), async (c) => {
    const workshop = await existingWorkshop(c)
    await authorizeSpace(c, networkOf(workshop.networkId), 'organise_workshop')
    const { db } = c.var.deps
    const body = c.req.valid('json')
    await changeWorkshop(c.var.deps, workshop, { ...body, hostCityId: await hostOf(db, workshop.networkId, body.hostCityId ?? workshop.hostCityId) })
    c.var.deps.mail.nudge()
    return c.json(await present(db, requireIdentity(c).actor, (await getWorkshop(db, workshop.id))!))
  })
  .post('/:id/participants', idParam('id'), validate('json', participantBody), async (c) => {
    const workshop = await existingWorkshop(c)
    await authorizeSpace(c, networkOf(workshop.networkId), 'manage_members')
    const { db } = c.var.deps
    const { exception, ...p } = c.req.valid('json')
    const account = p.userId ? await findUserById(db, p.userId) : null
    if (p.userId && !account) throw new ApiError('invalid_input', 'No such account', { fields: [{ path: 'userId', message: 'no such account' }] })
    if (p.cityId) requireNetworkCity(await listMemberships(db, { networkId: workshop.networkId }), p.cityId, 'cityId', 'The city is one of the network’s')
    await addParticipant(
      c.var.deps,
      workshop.id,
      {
        kind: p.kind,
        funded: p.funded,
        userId: account?.id ?? null,
        name: account?.name ?? p.name!,
        email: account?.email ?? p.email ?? null,
        cityId: p.cityId ?? null,
      },
      exception,
    )
    c.var.deps.mail.nudge()
    return c.json(await present(db, requireIdentity(c).actor, workshop), 201)
  })
  .delete('/:id/participants/:participantId', idParam('id', 'participantId'), async (c) => {
    const workshop = await existingWorkshop(c)
    await authorizeSpace(c, networkOf(workshop.networkId), 'manage_members')
    if (!(await removeParticipant(c.var.deps, workshop.id, c.req.param('participantId')))) throw notFound('No such participant')
    c.var.deps.mail.nudge()
    return c.body(null, 204)
  })
  // A single-use link for someone taking part without an account: it opens the workshop's documents and nothing else.
  .post('/:id/participants/:participantId/invitation', idParam('id', 'participantId'), validate('json', participantInvitationBody), async (c) => {
    const workshop = await existingWorkshop(c)
    await authorizeSpace(c, networkOf(workshop.networkId), 'manage_members')
    const { db } = c.var.deps
    const participant = await getParticipant(db, workshop.id, c.req.param('participantId'))
    if (!participant) throw notFound('No such participant')
    if (participant.userId) {
      throw new ApiError('conflict', `${participant.name} already has an account: they open the workshop’s documents by signing in, no link is needed`)
    }
    const { token, hash } = newLinkToken()
    const expiresAt = new Date(Date.now() + c.req.valid('json').expiresInDays * DAY_MS)
    const mailedTo = await inviteParticipant(c.var.deps, {
      token,
      tokenHash: hash,
      email: participant.email,
      workshopTitle: workshop.title,
      networkId: workshop.networkId,
      participantId: participant.id,
      createdBy: requireIdentity(c).user.id,
      expiresAt,
    })
    c.var.deps.mail.nudge()
    const link: LinkResponse = { url: appUrl(c, `/invitation/${token}`), expiresAt: expiresAt.toISOString(), mailedTo }
    return c.json(link, 201)
  })
