import { DAY_MS } from '../../../shared/days'
import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { hashPassword } from '../../auth/passwords'
import { requireIdentity, startSession } from '../../auth/session'
import { hashToken, newLinkToken } from '../../auth/tokens'
import { announceAccessChange } from '../../data/access-events'
import { addGrant, loadActor } from '../../data/grants'
import { consumeInvitation, findInvitation, type InvitationRow } from '../../data/links'
import { inviteToSpace } from '../../commands/invitations'
import { createUser, findUserByEmail, findUserById } from '../../data/users'
import { claimParticipant, workshopOfParticipant } from '../../data/workshops'
import { spaceName } from '../../data/workspace'
import type { Queryable } from '../../db/db'
import { authorizeSpace, roleOffer } from '../access'
import { ApiError, forbidden } from '../../errors'
import { refreshIdentity } from '../identity'
import { appUrl } from '../links'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import type { Actor } from '../../../shared/domain'
import { can, canGiveTo, canGrant } from '../../../shared/policy'
import { acceptInvitationBody, createInvitationBody } from '../../../shared/schemas'
import type { InvitationView, LinkResponse } from '../../../shared/api'

/**
 * Invitations: the only way an account is created after first run. Links are single use and
 * expire. One gives a role on a space, or (made by the workshops' routes) a place in a workshop
 * for someone taking part without an account: that opens the workshop's documents and nothing else.
 */
export const invitationRoutes = new Hono<AppEnv>()
  .post('/', validate('json', createInvitationBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    await authorizeSpace(c, body.space, 'invite')
    if (!canGrant(actor, body.role, body.space)) throw forbidden(`You may not invite someone as ${body.role} here`)
    const { token, hash } = newLinkToken()
    const expiresAt = new Date(Date.now() + body.expiresInDays * DAY_MS)
    const mailedTo = await inviteToSpace(c.var.deps, { ...body, token, tokenHash: hash, createdBy: user.id, expiresAt })
    c.var.deps.mail.nudge()
    const link: LinkResponse = { url: appUrl(c, `/invitation/${token}`), expiresAt: expiresAt.toISOString(), mailedTo }
    return c.json(link, 201)
  })
  .get('/:token', async (c) => {
    const { db } = c.var.deps
    const invitation = usable(await findInvitation(db, hashToken(c.req.param('token'))))
    await inviterWhoMayStill(db, invitation)
    const inviter = invitation.createdBy ? await findUserById(db, invitation.createdBy) : null
    const workshop = invitation.participantId ? await workshopOfParticipant(db, invitation.participantId) : null
    const view: InvitationView = {
      role: invitation.role,
      expertKind: invitation.expertKind,
      space: { ...invitation.space, name: (await spaceName(db, invitation.space)) ?? '' },
      workshop: workshop && { id: workshop.id, title: workshop.title, startsOn: workshop.startsOn, endsOn: workshop.endsOn, place: workshop.place },
      email: invitation.email,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      invitedBy: inviter?.name ?? null,
    }
    // Read by whoever holds the link, who may never sign in (and so never clear the cache) on a shared computer.
    return c.json(view, 200, { 'Cache-Control': 'private, no-store' })
  })
  .post('/:token/accept', validate('json', acceptInvitationBody), async (c) => {
    const { db } = c.var.deps
    const body = c.req.valid('json')
    const tokenHash = hashToken(c.req.param('token'))
    const signedIn = c.var.identity
    if (!signedIn && !(body.name && body.email && body.password)) {
      const missing = (['name', 'email', 'password'] as const).filter((k) => !body[k])
      throw new ApiError('invalid_input', `To create your account, give ${missing.join(', ')}`, {
        fields: missing.map((path) => ({ path, message: 'required' })),
      })
    }
    // Hash before the transaction: PGlite holds a global lock while one is open.
    const passwordHash = signedIn ? null : await hashPassword(body.password!)
    const userId = await db.transaction(async (tx) => {
      const invitation = usable(await findInvitation(tx, tokenHash, true))
      const inviter = await inviterWhoMayStill(tx, invitation)
      const email = signedIn ? signedIn.user.email : body.email!
      if (invitation.email && invitation.email.toLowerCase() !== email.toLowerCase()) {
        throw forbidden(`This invitation was made for ${invitation.email}`)
      }
      if (signedIn && invitation.participantId === null) await assertMayTake(tx, invitation, inviter, signedIn.user.id)
      const id = signedIn ? signedIn.user.id : await newAccount(tx, { name: body.name!, email, passwordHash: passwordHash! })
      if (!(await consumeInvitation(tx, invitation.id, id))) throw new ApiError('link_used', 'This invitation has already been used')
      if (invitation.participantId === null) {
        await addGrant(tx, { userId: id, role: invitation.role, space: invitation.space, expertKind: invitation.expertKind, grantedBy: invitation.createdBy })
      } else if (!(await claimParticipant(tx, invitation.participantId, id))) {
        throw new ApiError('conflict', 'This place in the workshop is already linked to an account: sign in with it')
      }
      await announceAccessChange(tx, { userId: id })
      return id
    })
    const session = signedIn ? signedIn.session : await startSession(c, userId)
    return c.json(await presentMe(db, await refreshIdentity(c, db, userId, session)))
  })

function usable(invitation: InvitationRow | null): InvitationRow {
  if (!invitation) throw new ApiError('link_invalid', 'This invitation link is not valid')
  if (invitation.acceptedAt) throw new ApiError('link_used', 'This invitation has already been used')
  if (new Date(invitation.expiresAt).getTime() <= Date.now()) throw new ApiError('link_expired', 'This invitation has expired')
  return invitation
}

/**
 * The link's maker, as their rights are now. A link gives what its maker may give now: one who
 * has since lost that right (or their account) gave a link that no longer works.
 */
async function inviterWhoMayStill(q: Queryable, invitation: InvitationRow): Promise<Actor> {
  const inviter = invitation.createdBy ? await loadActor(q, invitation.createdBy) : null
  if (invitation.participantId !== null) {
    // A workshop's link comes from whoever manages its participants (the network's secretariat).
    if (!inviter || !can(inviter, 'manage_members', invitation.space)) {
      throw new ApiError('link_invalid', 'The person who sent this invitation no longer organises this workshop: ask the secretariat for a new link')
    }
  } else if (!inviter || !canGrant(inviter, invitation.role, invitation.space)) {
    throw new ApiError('link_invalid', 'The person who sent this invitation can no longer give this role: ask them or the secretariat for a new link')
  }
  return inviter
}

/** An existing account holds roles already: the policy says whether this invitation's maker may add one (a new account holds nothing). */
async function assertMayTake(tx: Queryable, invitation: InvitationRow & { participantId: null }, inviter: Actor, userId: string): Promise<void> {
  const offer = await roleOffer(tx, invitation.role, invitation.space)
  if (canGiveTo(inviter, offer, await loadActor(tx, userId))) return
  const where = invitation.space.type === 'network' ? 'this network' : 'a network this city belongs to'
  throw new ApiError('needs_secretariat', `You already hold a role in ${where}, so only its secretariat can give you this one: ask the secretariat to add it`)
}

async function newAccount(tx: Queryable, u: { name: string; email: string; passwordHash: string }): Promise<string> {
  if (await findUserByEmail(tx, u.email)) {
    throw new ApiError('conflict', 'An account already exists for this e-mail: sign in, then open the invitation link again')
  }
  return (await createUser(tx, u)).id
}
