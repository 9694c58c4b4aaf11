import type { Db } from '../db/db'
import { createInvitation, createParticipantInvitation, recentInvitationsBy } from '../data/links'
import { networksOfSpace, senderOf } from '../data/mail-addressing'
import { spaceName } from '../data/workspace'
import type { MailQueue } from '../mail/mail'
import type { ExpertKind, GrantRole, SpaceRef } from '../../shared/domain'

type Deps = { db: Db; mail: MailQueue }

/**
 * At most this many invitations mailed per inviter an hour, past which the link is only handed
 * back: inviting is not a way to send mail to any number of addresses.
 */
export const MAILED_INVITATIONS_PER_HOUR = 30

/** An invitation's link is the app's `/invitation/<token>`; mailed with it when an address is known and mail is on. */
const invitationPath = (token: string) => `/invitation/${token}`

/**
 * Records an invitation to a role on a space and, given an address, mails its link in the same
 * transaction. Returns the address it was mailed to, or null.
 */
export async function inviteToSpace(
  deps: Deps,
  i: {
    token: string
    tokenHash: string
    email?: string | null
    role: GrantRole
    space: SpaceRef
    expertKind?: ExpertKind | null
    createdBy: string
    expiresAt: Date
  },
): Promise<string | null> {
  return deps.db.transaction(async (tx) => {
    await createInvitation(tx, i)
    if (!i.email || !deps.mail.enabled || (await recentInvitationsBy(tx, i.createdBy)) > MAILED_INVITATIONS_PER_HOUR) return null
    const input = {
      kind: 'invitation' as const,
      from: await senderOf(tx, i.createdBy),
      space: (await spaceName(tx, i.space)) ?? '',
      role: i.role,
      link: deps.mail.link(invitationPath(i.token)),
      expiresAt: i.expiresAt,
    }
    const queued = await deps.mail.queue(tx, { id: null, email: i.email, locale: 'fr' }, input, await networksOfSpace(tx, i.space))
    return queued ? i.email : null
  })
}

/** The same for someone taking part in a workshop without an account: the link opens that workshop. */
export async function inviteParticipant(
  deps: Deps,
  i: {
    token: string
    tokenHash: string
    email: string | null
    workshopTitle: string
    networkId: string
    participantId: string
    createdBy: string
    expiresAt: Date
  },
): Promise<string | null> {
  return deps.db.transaction(async (tx) => {
    await createParticipantInvitation(tx, i)
    if (!i.email || !deps.mail.enabled || (await recentInvitationsBy(tx, i.createdBy)) > MAILED_INVITATIONS_PER_HOUR) return null
    const input = {
      kind: 'invitation' as const,
      from: await senderOf(tx, i.createdBy),
      space: i.workshopTitle,
      role: null,
      link: deps.mail.link(invitationPath(i.token)),
      expiresAt: i.expiresAt,
    }
    const queued = await deps.mail.queue(tx, { id: null, email: i.email, locale: 'fr' }, input, [i.networkId])
    return queued ? i.email : null
  })
}
