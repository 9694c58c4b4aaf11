import type { Queryable } from '../db/db'

export type DueReminderKind = 'week' | 'day' | 'passed'

/**
 * Deliverables that have a reminder due on `today` (YYYY-MM-DD) and not yet recorded: due in 7
 * days, due tomorrow, or past due within the last week, still to be submitted (draft or returned).
 */
export async function dueReminders(q: Queryable, today: string): Promise<{ documentId: string; dueOn: string; kind: DueReminderKind }[]> {
  return q.query(
    `select d.id as "documentId", to_char(d.due_on, 'YYYY-MM-DD') as "dueOn", r.kind
     from documents d
     cross join lateral (select case when d.due_on = $1::date + 7 then 'week' when d.due_on = $1::date + 1 then 'day'
                                     when d.due_on between $1::date - 7 and $1::date - 1 then 'passed' end as kind) r
     where d.archived_at is null and d.stage in ('draft', 'returned') and d.due_on is not null and r.kind is not null
       and not exists (select 1 from due_reminders s where s.document_id = d.id and s.due_on = d.due_on and s.kind = r.kind)
     order by d.due_on, d.id`,
    [today],
  )
}

/** Records the reminder; false if another instance recorded it first (it sends it, this one does not). */
export async function recordDueReminder(q: Queryable, r: { documentId: string; dueOn: string; kind: DueReminderKind }): Promise<boolean> {
  const rows = await q.query(`insert into due_reminders (document_id, due_on, kind) values ($1, $2::date, $3) on conflict do nothing returning document_id`, [
    r.documentId,
    r.dueOn,
    r.kind,
  ])
  return rows.length > 0
}
