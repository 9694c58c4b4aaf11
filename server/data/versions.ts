import { Utf8Text, type Queryable } from '../db/db'
import { asBuffer } from './live-documents'
import type { PmNode } from '../../shared/content'
import type { VersionKind } from '../../shared/domain'
import type { PersonWithCity } from './people'
import type { VersionState } from '../../shared/policy'

/** Versions of documents: their rows, the previous one, and who wrote since. */

export type VersionRow = {
  id: string
  documentId: string
  kind: VersionKind
  name: string | null
  createdAt: Date
  createdBy: string | null
  restoredFrom: { id: string; name: string | null; createdAt: Date } | null
  lockedAt: Date | null
  lockedBy: string | null
  /** Sent to the secretariat: kept as it was sent. */
  submitted: boolean
  contributors: PersonWithCity[]
}

/** What the policy looks at (see versionChangeRefusal). */
export const versionPolicyState = (v: VersionRow): VersionState => ({ kind: v.kind, locked: v.lockedAt !== null, submitted: v.submitted })

export type NewVersion = {
  documentId: string
  kind: VersionKind
  name: string | null
  state: Uint8Array
  stateVector: Uint8Array
  stateKey: string
  /** ProseMirror JSON and text as UTF-8 bytes: encoding a large document is the document thread's work. */
  prosemirrorJson: Uint8Array
  text: Uint8Array
  createdBy: string | null
  restoredFrom: string | null
  contributors: PersonWithCity[]
}

type Raw = Omit<VersionRow, 'restoredFrom' | 'contributors'> & {
  restoredId: string | null
  restoredName: string | null
  restoredAt: Date | null
  contributors: PersonWithCity[] | string
}

const SELECT = `select v.id, v.document_id as "documentId", v.kind, v.name, v.created_at as "createdAt", v.created_by as "createdBy",
  v.locked_at as "lockedAt", v.locked_by as "lockedBy", v.contributors,
  exists (select 1 from submissions s where s.version_id = v.id) as submitted,
  r.id as "restoredId", r.name as "restoredName", r.created_at as "restoredAt"
  from doc_versions v left join doc_versions r on r.id = v.restored_from`

const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? JSON.parse(value) : value)

const toRow = ({ restoredId, restoredName, restoredAt, contributors, ...r }: Raw): VersionRow => ({
  ...r,
  contributors: parseJson(contributors),
  restoredFrom: restoredId ? { id: restoredId, name: restoredName, createdAt: restoredAt! } : null,
})

/** Newest first. */
export async function listVersions(q: Queryable, documentId: string): Promise<VersionRow[]> {
  const rows = await q.query<Raw>(`${SELECT} where v.document_id = $1 order by v.created_at desc, v.id`, [documentId])
  return rows.map(toRow)
}

export async function getVersion(q: Queryable, documentId: string, id: string): Promise<VersionRow | null> {
  const rows = await q.query<Raw>(`${SELECT} where v.document_id = $1 and v.id = $2`, [documentId, id])
  return rows[0] ? toRow(rows[0]) : null
}

export async function versionContent(q: Queryable, id: string): Promise<{ prosemirror: PmNode; text: string } | null> {
  const rows = await q.query<{ prosemirror: PmNode | string; text: string }>(`select prosemirror, text from doc_versions where id = $1`, [id])
  return rows[0] ? { prosemirror: parseJson(rows[0].prosemirror), text: rows[0].text } : null
}

/** The version's whole Yjs state, as an update. */
export async function versionState(q: Queryable, id: string): Promise<Uint8Array | null> {
  const rows = await q.query<{ state: Uint8Array }>(`select state from doc_versions where id = $1`, [id])
  return rows[0] ? new Uint8Array(rows[0].state) : null
}

/**
 * Serialises version writes of one document across instances (until the transaction ends), so
 * "is this state already the last version?" and the insert are one step.
 */
export async function lockDocumentVersions(tx: Queryable, documentId: string): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('atelier:versions:' || $1::text))`, [documentId])
}

export type PreviousVersion = { stateKey: string; stateVector: Uint8Array; createdAt: Date }

export async function lastVersion(q: Queryable, documentId: string): Promise<PreviousVersion | null> {
  const rows = await q.query<{ stateKey: string; stateVector: Uint8Array; createdAt: Date }>(
    `select state_key as "stateKey", state_vector as "stateVector", created_at as "createdAt"
     from doc_versions where document_id = $1 order by created_at desc, id limit 1`,
    [documentId],
  )
  return rows[0] ? { ...rows[0], stateVector: new Uint8Array(rows[0].stateVector) } : null
}

/**
 * Who changed the document since `since`: senders of logged updates after it (deletions
 * included, while the log still holds them), and owners of Yjs clients that wrote new content
 * (which survives compaction of the log).
 */
export async function writersSince(q: Queryable, documentId: string, since: Date | null, clientIds: number[]): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(
    `select distinct user_id as "userId" from doc_updates
     where document_id = $1 and user_id is not null and ($2::timestamptz is null or created_at > $2)
     union
     select user_id from doc_clients where document_id = $1 and user_id is not null and client_id = any($3::bigint[])`,
    [documentId, since, clientIds],
  )
  return rows.map((r) => r.userId)
}

/** Which user wrote with each Yjs client id of a document. */
export async function clientOwners(q: Queryable, documentId: string, clientIds: number[]): Promise<Map<number, string>> {
  if (clientIds.length === 0) return new Map()
  const rows = await q.query<{ clientId: string; userId: string }>(
    `select client_id::text as "clientId", user_id as "userId" from doc_clients
     where document_id = $1 and user_id is not null and client_id = any($2::bigint[])`,
    [documentId, clientIds],
  )
  return new Map(rows.map((r) => [Number(r.clientId), r.userId]))
}

/** JSON and text come as UTF-8 bytes (see Utf8Text); JSON goes in as text (postgres.js would encode a string typed jsonb as a JSON string). */
export async function insertVersion(q: Queryable, v: NewVersion): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into doc_versions (document_id, kind, name, state, state_vector, state_key, prosemirror, text, created_by, restored_from, contributors)
     values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, $11::text::jsonb) returning id`,
    [
      v.documentId,
      v.kind,
      v.name,
      asBuffer(v.state),
      asBuffer(v.stateVector),
      v.stateKey,
      new Utf8Text(v.prosemirrorJson),
      new Utf8Text(v.text),
      v.createdBy,
      v.restoredFrom,
      JSON.stringify(v.contributors),
    ],
  )
  return row!.id
}

const CHANGEABLE = `kind = 'named' and locked_at is null and not exists (select 1 from submissions s where s.version_id = doc_versions.id)`

/** Renames a named, unlocked, unsubmitted version; false if it is not one (any more). */
export async function renameVersion(q: Queryable, documentId: string, id: string, name: string): Promise<boolean> {
  const rows = await q.query(`update doc_versions set name = $3 where document_id = $1 and id = $2 and ${CHANGEABLE} returning id`, [documentId, id, name])
  return rows.length > 0
}

/** Deletes a named, unlocked, unsubmitted version; false if it is not one (any more). */
export async function deleteVersion(q: Queryable, documentId: string, id: string): Promise<boolean> {
  const rows = await q.query(`delete from doc_versions where document_id = $1 and id = $2 and ${CHANGEABLE} returning id`, [documentId, id])
  return rows.length > 0
}

/** Locks a version for good; an already locked one keeps its first lock. */
export async function lockVersion(q: Queryable, documentId: string, id: string, userId: string): Promise<void> {
  await q.query(`update doc_versions set locked_at = now(), locked_by = $3 where document_id = $1 and id = $2 and locked_at is null`, [documentId, id, userId])
}

export type AutomaticVersion = { id: string; createdAt: Date; contributors: PersonWithCity[] }

/** Automatic, unlocked versions: the only ones retention may remove. Oldest first. */
export async function thinnableVersions(q: Queryable, documentId: string): Promise<AutomaticVersion[]> {
  const rows = await q.query<{ id: string; createdAt: Date; contributors: PersonWithCity[] | string }>(
    `select id, created_at as "createdAt", contributors from doc_versions
     where document_id = $1 and kind = 'automatic' and locked_at is null order by created_at, id`,
    [documentId],
  )
  return rows.map((r) => ({ ...r, contributors: parseJson(r.contributors) }))
}

/**
 * Removes versions, handing each one's contributors to the next version that stays, so
 * "who wrote since the previous version" stays true after thinning.
 */
export async function removeVersions(q: Queryable, documentId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await q.query(
    `with gone as (
       delete from doc_versions where document_id = $1 and id = any($2::uuid[]) returning created_at, contributors
     ), heirs as (
       select (select k.id from doc_versions k where k.document_id = $1 and k.created_at > g.created_at and not (k.id = any($2::uuid[]))
               order by k.created_at limit 1) as heir, g.contributors
       from gone g
     )
     update doc_versions v set contributors = (
       select coalesce(jsonb_agg(distinct p), '[]'::jsonb) from (
         select jsonb_array_elements(v.contributors) as p
         union select jsonb_array_elements(h.contributors) from heirs h where h.heir = v.id
       ) people)
     where v.id in (select heir from heirs where heir is not null)`,
    [documentId, ids],
  )
}
