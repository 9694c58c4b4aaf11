import { Utf8Text, type Db, type Queryable } from '../db/db'
import type { PmNode } from '../../shared/content'

/** Storage of live document content: the update log, its snapshot, the derived copy. */

/** A Buffer over the same bytes (no copy): what the PostgreSQL driver sends as bytea. */
export const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export type PendingUpdate = { documentId: string; userId: string | null; data: Uint8Array; clientIds: number[] }

const ROWS_PER_INSERT = 1000

/** One multi-row insert per batch (chunked to stay under PostgreSQL's parameter limit). */
export async function appendUpdates(db: Db, updates: PendingUpdate[]): Promise<void> {
  if (updates.length === 0) return
  await db.transaction((tx) => insertUpdates(tx, updates))
}

export async function insertUpdates(tx: Queryable, updates: PendingUpdate[]): Promise<void> {
  await insertRows(
    tx,
    'doc_updates (document_id, user_id, data)',
    updates.map((u) => [u.documentId, u.userId, asBuffer(u.data)]),
  )
  const clients = new Map<string, unknown[]>()
  for (const u of updates) for (const c of u.clientIds) clients.set(`${u.documentId}:${c}`, [u.documentId, c, u.userId])
  await insertRows(tx, 'doc_clients (document_id, client_id, user_id)', [...clients.values()], 'on conflict do nothing')
}

async function insertRows(tx: Queryable, into: string, rows: unknown[][], suffix = ''): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT)
    let n = 0
    const values = chunk.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`).join(', ')
    await tx.query(`insert into ${into} values ${values} ${suffix}`, chunk.flat())
  }
}

export type StoredState = {
  snapshot: Uint8Array | null
  /** The last log id the snapshot contains (null: no snapshot yet). */
  snapshotUpTo: number | null
  updates: Uint8Array[]
  lastUpdateId: number
  bytes: number
}

/** Everything stored, in the order to apply it: the snapshot, then the log after it. */
export const storedUpdates = (state: StoredState): Uint8Array[] => (state.snapshot ? [state.snapshot, ...state.updates] : state.updates)

/**
 * The snapshot and the log after it. One statement, so a compaction committing meanwhile is
 * seen either wholly or not at all.
 */
export async function loadState(q: Queryable, documentId: string): Promise<StoredState> {
  const rows = await q.query<{ kind: string; id: string; data: Uint8Array }>(
    `select 'snapshot' as kind, last_update_id::text as id, state as data from doc_snapshots where document_id = $1
     union all
     select 'update', id::text, data from (select id, data from doc_updates where document_id = $1 order by id) u`,
    [documentId],
  )
  const state: StoredState = { snapshot: null, snapshotUpTo: null, updates: [], lastUpdateId: 0, bytes: 0 }
  for (const row of rows) {
    const data = new Uint8Array(row.data)
    state.bytes += data.length
    if (row.kind === 'snapshot') {
      state.snapshot = data
      state.snapshotUpTo = Number(row.id)
    } else state.updates.push(data)
    state.lastUpdateId = Math.max(state.lastUpdateId, Number(row.id))
  }
  return state
}

/**
 * Replaces the snapshot and the log rows it now contains, in one transaction. `expected` is
 * the snapshot's last id when the merge was computed: if another instance compacted since,
 * nothing is changed and false is returned.
 */
export async function saveSnapshot(db: Db, documentId: string, state: Uint8Array, upToId: number, expected: number | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const current = await tx.query<{ last: string }>(`select last_update_id::text as last from doc_snapshots where document_id = $1 for update`, [documentId])
    const last = current[0] ? Number(current[0].last) : null
    if (last !== expected) return false
    await tx.query(
      `insert into doc_snapshots (document_id, state, last_update_id, updated_at) values ($1, $2, $3, now())
       on conflict (document_id) do update set state = excluded.state, last_update_id = excluded.last_update_id, updated_at = now()`,
      [documentId, asBuffer(state), upToId],
    )
    await tx.query(`delete from doc_updates where document_id = $1 and id <= $2`, [documentId, upToId])
    return true
  })
}

/**
 * Which stored state a document is at: the last log id it contains, snapshot or log. Compaction
 * leaves it unchanged, so equal versions mean equal content.
 */
export async function storedVersion(q: Queryable, documentId: string): Promise<number> {
  const [row] = await q.query<{ version: string }>(
    `select greatest((select last_update_id from doc_snapshots where document_id = $1),
       (select max(id) from doc_updates where document_id = $1), 0)::text as version`,
    [documentId],
  )
  return Number(row!.version)
}

/** Text and JSON come as UTF-8 bytes, encoded on the document thread (see Utf8Text). */
export async function writeContent(q: Queryable, documentId: string, text: Uint8Array, prosemirrorJson: Uint8Array): Promise<void> {
  await q.query(
    `insert into doc_content (document_id, text, prosemirror, updated_at) values ($1, $2, $3::text::jsonb, now())
     on conflict (document_id) do update set text = excluded.text, prosemirror = excluded.prosemirror, updated_at = now()`,
    [documentId, new Utf8Text(text), new Utf8Text(prosemirrorJson)],
  )
  await q.query(`update documents set updated_at = now() where id = $1`, [documentId])
}

export async function readContent(q: Queryable, documentId: string): Promise<{ text: string; prosemirror: PmNode } | null> {
  const rows = await q.query<{ text: string; prosemirror: PmNode | string }>(`select text, prosemirror from doc_content where document_id = $1`, [documentId])
  const row = rows[0]
  if (!row) return null
  return { text: row.text, prosemirror: typeof row.prosemirror === 'string' ? JSON.parse(row.prosemirror) : row.prosemirror }
}

/** Everyone who ever wrote in the document: doc_clients keeps them through compaction. */
export async function documentAuthors(q: Queryable, documentId: string): Promise<string[]> {
  const rows = await q.query<{ userId: string }>(`select distinct user_id as "userId" from doc_clients where document_id = $1 and user_id is not null`, [
    documentId,
  ])
  return rows.map((r) => r.userId)
}
