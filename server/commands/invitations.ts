import type { Db, Queryable } from '../db/db'
import { createInvitation, createParticipantInvitation, recentInvitationsBy } from '../data/links'
import { invitationLocale, networksOfSpace, senderOf } from '../data/mail-addressing'
import { spaceName } from '../data/workspace'
import type { MailQueue } from '../mail/mail'
import type { ExpertKind, GrantRole, SpaceRef } from '../../shared/domain'

type Deps = { db: Db; mail: MailQueue }

/**
 * At most this many invitations mailed per inviter an hour, past which the link is only handed
 * back: inviting is not a way to send mail to any number of addresses.
 */
export const MAILED_INVITATIONS_PER_HOUR = 30

/**
 * Mails the invitation's link (the app's `/invitation/<token>`) when an address is known, mail is
 * on and the inviter is within their hourly count. Returns the address it went to, or null.
 */
async function mailInvitation(
  tx: Queryable,
  mail: MailQueue,
  i: { token: string; email?: string | null; createdBy: string; expiresAt: Date },
  what: { to: string; role: GrantRole | null; networkIds: () => Promise<string[]> },
): Promise<string | null> {
  if (!i.email || !mail.enabled || (await recentInvitationsBy(tx, i.createdBy)) > MAILED_INVITATIONS_PER_HOUR) return null
  const input = {
    kind: 'invitation' as const,
    from: await senderOf(tx, i.createdBy),
    space: what.to,
    role: what.role,
    link: mail.link(`/invitation/${i.token}`),
    expiresAt: i.expiresAt,
  }
  const locale = await invitationLocale(tx, i.email, i.createdBy)
  return (await mail.queue(tx, { id: null, email: i.email, locale }, input, { networkIds: await what.networkIds() })) ? i.email : null
}

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
    return mailInvitation(tx, deps.mail, i, { to: (await spaceName(tx, i.space)) ?? '', role: i.role, networkIds: () => networksOfSpace(tx, i.space) })
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
    return mailInvitation(tx, deps.mail, i, { to: i.workshopTitle, role: null, networkIds: async () => [i.networkId] })
  })
}
