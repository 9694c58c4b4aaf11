import type { Db } from '../db/db'
import { dueDigests, takeDigest } from '../data/mail-preferences'
import { queueMail } from '../data/outbox'
import { renderDigest } from '../mail/messages'
import type { MailQueue } from '../mail/mail'

const localeOf = (l: string) => (l === 'en' || l === 'es' ? l : 'fr')

/**
 * Sends each person who chose a daily digest their waiting notices in one mail, once their morning
 * has come (8 o'clock in their time zone): the notices are taken and the mail queued in one
 * transaction, so a digest is sent once whichever instance runs this. Returns how many were sent.
 */
export async function sendDigests(deps: { db: Db; mail: MailQueue }, now: Date): Promise<number> {
  if (!deps.mail.enabled) return 0
  let sent = 0
  for (const userId of await dueDigests(deps.db, now)) {
    const queued = await deps.db.transaction(async (tx) => {
      const digest = await takeDigest(tx, userId, now)
      if (!digest || digest.items.length === 0) return false
      const message = renderDigest(localeOf(digest.locale), digest.items, deps.mail.link('/me'))
      const networkIds = [...new Set(digest.items.flatMap((i) => i.networkIds))]
      await queueMail(tx, { kind: 'digest', recipientId: userId, to: digest.email, networkIds, ...message })
      return true
    })
    if (queued) sent++
  }
  return sent
}
