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

/** Queues a mail; one `refused` (over a limit) is recorded as failed with the reason, so the outbox tells why it never left. */
export async function queueMail(q: Queryable, m: OutgoingMail, refused: string | null = null): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into mail_outbox (kind, recipient_id, to_address, subject, body_text, body_html, network_ids, calendar, unsubscribe_url, status, last_error)
     values ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, case when $10::text is null then 'pending' else 'failed' end, $10)
     returning id`,
    [
      m.kind,
      m.recipientId,
      m.to,
      m.subject,
      refused ? '' : m.text,
      refused ? '' : m.html,
      m.networkIds,
      refused ? null : (m.calendar ?? null),
      m.unsubscribeUrl ?? null,
      refused,
    ],
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

/**
 * The mail left: recorded as sent, its bodies dropped (they held working links). Only by the
 * worker that holds the claim (its attempt): one whose lease ended meanwhile changes nothing.
 */
export async function markSent(q: Queryable, claim: Pick<ClaimedMail, 'id' | 'attempts'>): Promise<void> {
  await q.query(
    `update mail_outbox set status = 'sent', sent_at = now(), last_error = null, body_text = '', body_html = '', calendar = null
     where id = $1 and attempts = $2 and status = 'pending'`,
    [claim.id, claim.attempts],
  )
}

/** A failed attempt: tried again after `retryInMs`, or given up (null) with the reason kept. */
export async function markAttemptFailed(q: Queryable, claim: Pick<ClaimedMail, 'id' | 'attempts'>, error: string, retryInMs: number | null): Promise<void> {
  await q.query(
    `update mail_outbox set last_error = $2,
       status = case when $3::float8 is null then 'failed' else 'pending' end,
       next_attempt_at = case when $3::float8 is null then next_attempt_at else now() + $3::float8 * interval '1 millisecond' end
     where id = $1 and attempts = $4 and status = 'pending'`,
    [claim.id, error.slice(0, 1000), retryInMs, claim.attempts],
  )
}

/** How many mails of a kind went to an address lately: a person is not flooded (rate limit per recipient). */
export async function recentMailCount(q: Queryable, to: string, kind: MailKind, sinceMs: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select count(*)::int as n from mail_outbox
     where lower(to_address) = lower($1) and kind = $2 and status <> 'failed' and created_at > now() - $3 * interval '1 millisecond'`,
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
     where o.network_ids @> array[$1::uuid] order by o.created_at desc, o.id limit $2`,
    [networkId, limit],
  )
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    sentAt: r.sentAt && new Date(r.sentAt).toISOString(),
    nextAttemptAt: new Date(r.nextAttemptAt).toISOString(),
  }))
}
