import type { Queryable } from '../db/db'
import type { MailKind, OutboxEntry } from '../../shared/api'

/** A mail as written to the outbox: rendered in its recipient's language, links included. */
export type OutgoingMail = {
  kind: MailKind
  recipientId: string | null
  to: string
  subject: string
  text: string
  html: string
  networkIds: string[]
  /** An iCalendar event sent with it (a workshop invitation), METHOD included. */
  calendar?: string | null
  /** Where a mail client's one-click unsubscribe posts (List-Unsubscribe), for the mails a person may stop. */
  unsubscribeUrl?: string | null
}

/** A mail a worker has claimed: it holds it until its lease ends, then anyone may try again. */
export type ClaimedMail = {
  id: string
  to: string
  subject: string
  text: string
  html: string
  calendar: string | null
  unsubscribeUrl: string | null
  attempts: number
}

export async function queueMail(q: Queryable, m: OutgoingMail): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into mail_outbox (kind, recipient_id, to_address, subject, body_text, body_html, network_ids, calendar, unsubscribe_url)
     values ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9) returning id`,
    [m.kind, m.recipientId, m.to, m.subject, m.text, m.html, m.networkIds, m.calendar ?? null, m.unsubscribeUrl ?? null],
  )
  return row!.id
}

/**
 * Claims up to `limit` mails that are due, for `leaseMs`: another worker (or instance) skips them
 * meanwhile, and if this one dies before recording the outcome they are tried again afterwards.
 */
export async function claimDueMail(q: Queryable, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
  return q.query<ClaimedMail>(
    `update mail_outbox set attempts = attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
     where id in (select id from mail_outbox where status = 'pending' and next_attempt_at <= now()
                  order by next_attempt_at, created_at limit $1 for update skip locked)
     returning id, to_address as "to", subject, body_text as text, body_html as html, calendar, unsubscribe_url as "unsubscribeUrl", attempts`,
    [limit, leaseMs],
  )
}

export async function markSent(q: Queryable, id: string): Promise<void> {
  await q.query(`update mail_outbox set status = 'sent', sent_at = now(), last_error = null where id = $1`, [id])
}

/** A failed attempt: tried again after `retryInMs`, or given up (null) with the reason kept. */
export async function markAttemptFailed(q: Queryable, id: string, error: string, retryInMs: number | null): Promise<void> {
  await q.query(
    `update mail_outbox set last_error = $2,
       status = case when $3::float8 is null then 'failed' else 'pending' end,
       next_attempt_at = case when $3::float8 is null then next_attempt_at else now() + $3::float8 * interval '1 millisecond' end
     where id = $1`,
    [id, error.slice(0, 1000), retryInMs],
  )
}

/** How many mails of a kind went to an address lately: a person is not flooded (rate limit per recipient). */
export async function recentMailCount(q: Queryable, to: string, kind: MailKind, sinceMs: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from mail_outbox where lower(to_address) = lower($1) and kind = $2 and created_at > now() - $3 * interval '1 millisecond'`,
    [to, kind, sinceMs],
  )
  return row!.n
}

/** The latest mails about a network, for its secretariat: who got what, and whether it left. */
export async function listOutbox(q: Queryable, networkId: string, limit: number): Promise<OutboxEntry[]> {
  const rows = await q.query<OutboxEntry & { createdAt: Date | string; sentAt: Date | string | null; nextAttemptAt: Date | string }>(
    `select o.id, o.kind, o.to_address as "to", u.name as "recipientName", o.subject, o.status, o.attempts,
       o.last_error as "lastError", o.created_at as "createdAt", o.sent_at as "sentAt", o.next_attempt_at as "nextAttemptAt"
     from mail_outbox o left join users u on u.id = o.recipient_id
     where $1::uuid = any(o.network_ids) order by o.created_at desc, o.id limit $2`,
    [networkId, limit],
  )
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    sentAt: r.sentAt && new Date(r.sentAt).toISOString(),
    nextAttemptAt: new Date(r.nextAttemptAt).toISOString(),
  }))
}
