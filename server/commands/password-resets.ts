import { newLinkToken } from '../auth/tokens'
import type { Db } from '../db/db'
import { createPasswordReset } from '../data/links'
import { networksOfPerson } from '../data/mail-addressing'
import { findUserByEmail } from '../data/users'
import type { MailQueue } from '../mail/mail'

export const RESET_LINK_HOURS = 24

/**
 * "Mot de passe oublié ?": a single-use link to the account's own address, written with its mail
 * in one transaction. Nothing tells the caller whether the address has an account.
 */
export async function requestPasswordReset(deps: { db: Db; mail: MailQueue }, email: string): Promise<void> {
  if (!deps.mail.enabled) return
  const user = await findUserByEmail(deps.db, email)
  if (!user) return
  const { token, hash } = newLinkToken()
  await deps.db.transaction(async (tx) => {
    await createPasswordReset(tx, { tokenHash: hash, userId: user.id, createdBy: user.id, expiresAt: new Date(Date.now() + RESET_LINK_HOURS * 3_600_000) })
    const link = deps.mail.link(`/reset/${token}`)
    await deps.mail.queue(tx, user, { kind: 'password_reset', link, hours: RESET_LINK_HOURS }, { networkIds: await networksOfPerson(tx, user.id) })
  })
}
