import type { Db } from '../db/db'
import { getDocument } from '../data/documents'
import { dueReminders, recordDueReminder } from '../data/due-reminders'
import { networksOfSpace, recipientsByIds } from '../data/mail-addressing'
import type { MailQueue } from '../mail/mail'
import { whoMay } from './submissions'

/**
 * Mails the due-date reminders of `today` (YYYY-MM-DD) to those who may submit each deliverable:
 * each reminder is recorded with its mails in one transaction, so it goes out once whichever
 * instance runs this, however often. Returns how many reminders were sent.
 */
export async function remindDueDates(deps: { db: Db; mail: MailQueue }, today: string): Promise<number> {
  if (!deps.mail.enabled) return 0
  let sent = 0
  for (const due of await dueReminders(deps.db, today)) {
    const done = await deps.db.transaction(async (tx) => {
      if (!(await recordDueReminder(tx, due))) return false
      const doc = await getDocument(tx, due.documentId)
      if (!doc) return false
      const writers = await recipientsByIds(tx, await whoMay(tx, doc, 'submit', null))
      const input = {
        kind: 'due' as const,
        when: due.kind,
        document: doc.title,
        space: doc.space.name,
        dueOn: new Date(`${due.dueOn}T00:00:00Z`),
        link: deps.mail.link(`/documents/${doc.id}`),
      }
      const networkIds = await networksOfSpace(tx, doc.space)
      for (const to of writers.values()) await deps.mail.queue(tx, to, input, { networkIds, documentId: doc.id })
      return true
    })
    if (done) sent++
  }
  return sent
}
