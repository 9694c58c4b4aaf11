import type { Queryable } from '../db/db'
import { recipientsByIds } from '../data/mail-addressing'
import { calendarSequence, getWorkshop, type ParticipantRow } from '../data/workshops'
import { getNetworks } from '../data/workspace'
import { workshopCalendar } from '../mail/calendar'
import type { MailQueue } from '../mail/mail'

/**
 * Mails those taking part (each with an address) the workshop as a calendar event: when they are
 * added (an invitation), when its dates or place change (the event updated), when they are
 * removed (the event cancelled). Written in the transaction that made the change.
 */
export async function mailWorkshopEvent(
  q: Queryable,
  mail: MailQueue,
  workshopId: string,
  when: 'invited' | 'changed' | 'cancelled',
  participants: readonly ParticipantRow[],
): Promise<void> {
  const addressed = participants.filter((p) => p.email)
  if (!mail.enabled || addressed.length === 0) return
  const workshop = (await getWorkshop(q, workshopId))!
  const [network] = await getNetworks(q, [workshop.networkId])
  const accounts = await recipientsByIds(
    q,
    addressed.flatMap((p) => (p.userId ? [p.userId] : [])),
  )
  const link = mail.link(`/workshops/${workshop.id}`)
  const sequence = await calendarSequence(q, workshop.id)
  const calendar = workshopCalendar({ ...workshop, sequence }, when === 'cancelled' ? 'CANCEL' : 'REQUEST', link, mail.organizer())
  const input = {
    kind: 'workshop' as const,
    when,
    workshop: workshop.title,
    network: network?.name ?? '',
    startsOn: new Date(`${workshop.startsOn}T00:00:00Z`),
    endsOn: new Date(`${workshop.endsOn}T00:00:00Z`),
    place: workshop.place,
    link,
  }
  for (const p of addressed) {
    const to = (p.userId && accounts.get(p.userId)) || { id: p.userId, email: p.email!, locale: 'fr' }
    await mail.queue(q, to, input, { networkIds: [workshop.networkId], calendar })
  }
}
