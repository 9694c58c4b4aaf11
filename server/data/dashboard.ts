import type { Queryable } from '../db/db'
import type { Stage } from '../../shared/domain'
import { CYCLE_KINDS, type DocumentKind } from '../../shared/templates'

/** Where a network's deliverables stand: its own and those of its active cities, without their content. */

export type DeliverableRow = {
  id: string
  title: string
  kind: DocumentKind
  stage: Stage
  dueOn: string | null
  updatedAt: Date
  /** The space it lives in: the network (cityId null) or one of its cities. */
  cityId: string | null
  /** The number of its last submission, and of its last validated one (null: none yet). */
  lastNumber: number | null
  validatedNumber: number | null
  openComments: number
}

export async function networkDeliverables(q: Queryable, networkId: string): Promise<DeliverableRow[]> {
  return q.query<DeliverableRow>(
    `select d.id, d.title, d.kind, d.stage, to_char(d.due_on, 'YYYY-MM-DD') as "dueOn", d.updated_at as "updatedAt",
       d.city_id as "cityId",
       (select max(s.number) from submissions s where s.document_id = d.id) as "lastNumber",
       (select max(s.number) from submissions s where s.document_id = d.id and s.outcome = 'validated') as "validatedNumber",
       (select count(*)::int from comment_threads t where t.document_id = d.id and t.resolved_at is null and t.deleted_at is null) as "openComments"
     from documents d
     where d.archived_at is null and d.kind = any($2::text[])
       and (d.network_id = $1 or d.city_id in (select m.city_id from memberships m where m.network_id = $1 and m.left_at is null))
     order by d.updated_at desc`,
    [networkId, [...CYCLE_KINDS]],
  )
}

export type QuarterStep = {
  at: Date
  step: 'submitted' | 'returned' | 'validated'
  number: number
  documentTitle: string
  kind: DocumentKind
  /** Null for the network's own documents. */
  cityName: string | null
  byName: string | null
}

/** Every submission, return and validation of the network's deliverables in [from, to), oldest first. */
export async function quarterSteps(q: Queryable, networkId: string, from: Date, to: Date): Promise<QuarterStep[]> {
  return q.query<QuarterStep>(
    `select e.at, e.step, s.number, d.title as "documentTitle", d.kind, c.name as "cityName", u.name as "byName"
     from submissions s
       join documents d on d.id = s.document_id
       left join cities c on c.id = d.city_id
       cross join lateral (values (s.submitted_at, 'submitted', s.submitted_by), (s.decided_at, s.outcome, s.decided_by)) as e (at, step, by)
       left join users u on u.id = e.by
     where e.at >= $2 and e.at < $3 and e.step is not null
       and (d.network_id = $1 or d.city_id in (select m.city_id from memberships m where m.network_id = $1))
     order by e.at`,
    [networkId, from, to],
  )
}
