import type { Queryable } from '../db/db'
import { MAIL_TOPICS, type MailMode, type MailTopic } from '../../shared/api'

export type Preferences = { timeZone: string; topics: Record<MailTopic, MailMode> }

export async function getPreferences(q: Queryable, userId: string): Promise<Preferences> {
  const [user] = await q.query<{ timeZone: string }>(`select time_zone as "timeZone" from users where id = $1`, [userId])
  const rows = await q.query<{ topic: MailTopic; mode: MailMode }>(`select topic, mode from mail_preferences where user_id = $1`, [userId])
  const topics = Object.fromEntries(MAIL_TOPICS.map((t) => [t, 'now'])) as Record<MailTopic, MailMode>
  for (const r of rows) topics[r.topic] = r.mode
  return { timeZone: user?.timeZone ?? 'UTC', topics }
}

export async function setPreferences(q: Queryable, userId: string, p: { timeZone?: string; topics?: Partial<Record<MailTopic, MailMode>> }): Promise<void> {
  if (p.timeZone) await q.query(`update users set time_zone = $2 where id = $1`, [userId, p.timeZone])
  for (const [topic, mode] of Object.entries(p.topics ?? {})) {
    await q.query(`insert into mail_preferences (user_id, topic, mode) values ($1, $2, $3) on conflict (user_id, topic) do update set mode = excluded.mode`, [
      userId,
      topic,
      mode,
    ])
  }
}

export async function modeFor(q: Queryable, userId: string, topic: MailTopic): Promise<MailMode> {
  const [row] = await q.query<{ mode: MailMode }>(`select mode from mail_preferences where user_id = $1 and topic = $2`, [userId, topic])
  return row?.mode ?? 'now'
}

/** The person's token for unsubscribe links (made with the account: reading it locks nothing). */
export async function mailToken(q: Queryable, userId: string): Promise<string | null> {
  const [row] = await q.query<{ token: string }>(`select mail_token as token from users where id = $1`, [userId])
  return row?.token ?? null
}

/** Held until the transaction ends: mails of one kind to one address are counted one transaction at a time. */
export async function lockAddress(q: Queryable, address: string, kind: string): Promise<void> {
  await q.query(`select pg_advisory_xact_lock(hashtext('atelier:mail:' || lower($1) || ':' || $2))`, [address, kind])
}

/** Whether the database knows the time zone (its list and the runtime's can differ). */
export async function knownTimeZone(q: Queryable, zone: string): Promise<boolean> {
  const rows = await q.query(`select 1 from pg_timezone_names where name = $1`, [zone])
  return rows.length > 0
}

export async function userByMailToken(q: Queryable, token: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>(`select id from users where mail_token = $1`, [token])
  return row?.id ?? null
}

export type DigestItem = { kind: string; subject: string; detail: string; link: string; networkIds: string[]; documentId: string | null }

export async function addDigestItem(q: Queryable, userId: string, item: DigestItem): Promise<void> {
  await q.query(`insert into mail_digest_items (user_id, kind, subject, detail, link, network_ids, document_id) values ($1, $2, $3, $4, $5, $6::uuid[], $7)`, [
    userId,
    item.kind,
    item.subject,
    item.detail,
    item.link,
    item.networkIds,
    item.documentId,
  ])
}

/** People with notices waiting whose morning (8 o'clock, in their time zone) has come at `now`, and who had no digest today. */
export async function dueDigests(q: Queryable, now: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select u.id from users u
     where exists (select 1 from mail_digest_items i where i.user_id = u.id)
       and extract(hour from $1::timestamptz at time zone u.time_zone) >= 8
       and (u.last_digest_on is null or u.last_digest_on < ($1::timestamptz at time zone u.time_zone)::date)`,
    [now],
  )
  return rows.map((r) => r.id)
}

/**
 * Takes the person's waiting notices for their digest, the user's row locked so two instances do
 * not both send it; none if another instance already sent today's.
 */
export async function takeDigest(
  q: Queryable,
  userId: string,
  now: Date,
): Promise<{ email: string; locale: string; items: (DigestItem & { createdAt: Date })[] } | null> {
  const [user] = await q.query<{ email: string; locale: string }>(
    `select email, locale from users where id = $1
       and (last_digest_on is null or last_digest_on < ($2::timestamptz at time zone time_zone)::date) for update`,
    [userId, now],
  )
  if (!user) return null
  const items = await q.query<DigestItem & { createdAt: Date }>(
    `delete from mail_digest_items where user_id = $1
     returning kind, subject, detail, link, network_ids::text[] as "networkIds", document_id as "documentId", created_at as "createdAt"`,
    [userId],
  )
  await q.query(`update users set last_digest_on = ($2::timestamptz at time zone time_zone)::date where id = $1`, [userId, now])
  return { ...user, items: items.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()) }
}
