import type { Queryable } from '../db/db'
import type { SpaceRef, Stage } from '../../shared/domain'
import { CYCLE_KINDS, type DocumentKind, type TemplateLocale } from '../../shared/templates'
import type { DocumentTarget } from '../../shared/policy'

/** The document registry: which documents exist, where, and in what state. Content lives elsewhere. */

export type DocumentRow = {
  id: string
  title: string
  kind: DocumentKind
  template: DocumentKind
  locale: TemplateLocale
  space: SpaceRef & { name: string }
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
  archivedAt: Date | null
  /** Comment threads neither resolved nor deleted. */
  openComments: number
  /** Meaningful for the kinds in the submission cycle only (CYCLE_KINDS). */
  stage: Stage
  /** The day its next submission is expected, as YYYY-MM-DD. */
  dueOn: string | null
  /** For an experimentation log: the action plan it follows. */
  planId: string | null
  /** The workshop whose agenda or deliverable it is. */
  workshopId: string | null
}

/** The document as the policy sees it: its space and its state. */
export const policyTarget = (d: DocumentRow): DocumentTarget => ({
  space: d.space,
  state: { archived: d.archivedAt !== null, stage: CYCLE_KINDS.has(d.kind) ? d.stage : null, workshopId: d.workshopId },
})

type Raw = Omit<DocumentRow, 'space'> & { networkId: string | null; cityId: string | null; spaceName: string }

const SELECT = `select d.id, d.title, d.kind, d.template, d.locale, d.network_id as "networkId", d.city_id as "cityId",
  coalesce(n.name, c.name) as "spaceName", d.created_by as "createdBy", d.created_at as "createdAt",
  d.updated_at as "updatedAt", d.archived_at as "archivedAt", d.stage, to_char(d.due_on, 'YYYY-MM-DD') as "dueOn", d.plan_id as "planId",
  (select w.workshop_id from workshop_documents w where w.document_id = d.id) as "workshopId",
  (select count(*)::int from comment_threads t where t.document_id = d.id and t.resolved_at is null and t.deleted_at is null) as "openComments"
  from documents d left join networks n on n.id = d.network_id left join cities c on c.id = d.city_id`

const toRow = ({ networkId, cityId, spaceName, ...r }: Raw): DocumentRow => ({
  ...r,
  space: networkId ? { type: 'network', id: networkId, name: spaceName } : { type: 'city', id: cityId!, name: spaceName },
})

export async function createDocument(
  q: Queryable,
  d: { space: SpaceRef; kind: DocumentKind; title: string; locale: TemplateLocale; createdBy: string | null; planId?: string | null },
): Promise<DocumentRow> {
  const [row] = await q.query<{ id: string }>(
    `insert into documents (network_id, city_id, kind, title, template, locale, created_by, plan_id)
     values ($1, $2, $3, $4, $3, $5, $6, $7) returning id`,
    [d.space.type === 'network' ? d.space.id : null, d.space.type === 'city' ? d.space.id : null, d.kind, d.title, d.locale, d.createdBy, d.planId ?? null],
  )
  return (await getDocument(q, row!.id))!
}

export async function getDocument(q: Queryable, id: string): Promise<DocumentRow | null> {
  const rows = await q.query<Raw>(`${SELECT} where d.id = $1`, [id])
  return rows[0] ? toRow(rows[0]) : null
}

/** Several documents by id in one query, by id (those that do not exist are missing). */
export async function getDocuments(q: Queryable, ids: readonly string[]): Promise<Map<string, DocumentRow>> {
  if (ids.length === 0) return new Map()
  const rows = await q.query<Raw>(`${SELECT} where d.id = any($1::uuid[])`, [ids])
  return new Map(rows.map((r) => [r.id, toRow(r)]))
}

/** Documents of the given spaces, newest first; archived ones only when asked. */
export async function listDocuments(q: Queryable, spaces: { networkIds: string[]; cityIds: string[] }, includeArchived = false): Promise<DocumentRow[]> {
  if (spaces.networkIds.length === 0 && spaces.cityIds.length === 0) return []
  const rows = await q.query<Raw>(
    `${SELECT} where (d.network_id = any($1::uuid[]) or d.city_id = any($2::uuid[]))
     and ($3 or d.archived_at is null) order by d.updated_at desc`,
    [spaces.networkIds, spaces.cityIds, includeArchived],
  )
  return rows.map(toRow)
}

export async function renameDocument(q: Queryable, id: string, title: string): Promise<void> {
  await q.query('update documents set title = $2, updated_at = now() where id = $1', [id, title])
}

export async function archiveDocument(q: Queryable, id: string): Promise<void> {
  await q.query('update documents set archived_at = coalesce(archived_at, now()) where id = $1', [id])
}

/** The document, its row locked until the transaction ends: steps of its cycle take turns. */
export async function lockDocument(tx: Queryable, id: string): Promise<DocumentRow | null> {
  await tx.query('select id from documents where id = $1 for update', [id])
  return getDocument(tx, id)
}

export async function setStage(q: Queryable, id: string, stage: Stage): Promise<void> {
  await q.query('update documents set stage = $2, updated_at = now() where id = $1', [id, stage])
}

export async function setDueDate(q: Queryable, id: string, dueOn: string | null): Promise<void> {
  await q.query('update documents set due_on = $2::date where id = $1', [id, dueOn])
}

export async function setPlan(q: Queryable, id: string, planId: string | null): Promise<void> {
  await q.query('update documents set plan_id = $2 where id = $1', [id, planId])
}
