import type { Queryable } from '../../db/db'
import { policyTarget, type DocumentRow } from '../../data/documents'
import { versionPolicyState, type VersionRow } from '../../data/versions'
import { describePeople } from '../../data/people'
import { can, versionChangeRefusal } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import type { PersonCard, VersionSummary } from '../../../shared/api'

const iso = (d: Date | string) => new Date(d).toISOString()

/** Versions as the API shows them, with what the caller may do with each; one query for names. */
export async function presentVersions(q: Queryable, actor: Actor, doc: DocumentRow, rows: VersionRow[]): Promise<VersionSummary[]> {
  const people = await describePeople(
    q,
    rows.flatMap((v) => [v.createdBy, v.lockedBy]).filter((id): id is string => id !== null),
    doc.space,
  )
  const card = (id: string | null): PersonCard | null => (id === null ? null : (people.get(id) ?? null))
  const target = policyTarget(doc)
  const writer = can(actor, 'write', target)
  return rows.map((v) => {
    const editable = writer && versionChangeRefusal(versionPolicyState(v)) === null
    return {
      id: v.id,
      documentId: v.documentId,
      kind: v.kind,
      name: v.name,
      createdAt: iso(v.createdAt),
      createdBy: card(v.createdBy),
      restoredFrom: v.restoredFrom && { id: v.restoredFrom.id, name: v.restoredFrom.name, createdAt: iso(v.restoredFrom.createdAt) },
      locked: v.lockedAt === null ? null : { at: iso(v.lockedAt), by: card(v.lockedBy) },
      submitted: v.submitted,
      contributors: v.contributors,
      allowed: {
        rename: editable,
        delete: editable,
        lock: v.lockedAt === null && can(actor, 'lock_version', target),
        restore: writer,
      },
    }
  })
}
