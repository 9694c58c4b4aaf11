import type { Db, Queryable } from '../db/db'
import { getDocument, policyTarget } from '../data/documents'
import { readersAmong } from '../data/readers'
import { dueDigests, takeDigest, type DigestItem } from '../data/mail-preferences'
import { queueMail } from '../data/outbox'
import { mailLocale, renderDigest } from '../mail/messages'
import type { MailQueue } from '../mail/mail'

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
      if (!digest) return false
      const items = await stillReadable(tx, userId, digest.items)
      if (items.length === 0) return false
      const message = renderDigest(mailLocale(digest.locale), items, deps.mail.link('/me'))
      const networkIds = [...new Set(items.flatMap((i) => i.networkIds))]
      await queueMail(tx, { kind: 'digest', recipientId: userId, to: digest.email, networkIds, ...message })
      return true
    })
    if (queued) sent++
  }
  return sent
}

/** A notice waited up to a day: only those about documents the person may still read are sent. */
async function stillReadable<T extends DigestItem>(q: Queryable, userId: string, items: T[]): Promise<T[]> {
  const readable = new Map<string, boolean>()
  for (const id of new Set(items.flatMap((i) => (i.documentId ? [i.documentId] : [])))) {
    const doc = await getDocument(q, id)
    readable.set(id, doc !== null && (await readersAmong(q, policyTarget(doc), [userId])).has(userId))
  }
  return items.filter((i) => !i.documentId || readable.get(i.documentId))
}
