import type { Db } from '../db/db'
import type { CollabHub } from '../collab/hub'
import type { DocumentReader } from '../collab/current-document'
import type { DocumentRow } from '../data/documents'
import { versionContent, type VersionRow } from '../data/versions'
import type { DocumentThread } from '../documents/thread'
import type { VersionRecorder } from '../versions/record'
import { InvalidContent } from '../content/schema'
import { ApiError } from '../errors'
import type { PmNode } from '../../shared/content'

/**
 * Saving and restoring versions of a live document. The document may be open on this instance
 * or on none; either way what is captured or replaced is the document as it is now, with every
 * edit already sent here included.
 */

export type VersionDeps = { db: Db; hub: CollabHub; documentReader: DocumentReader; documents: DocumentThread; versions: VersionRecorder }

/** A named version of the document as it is now, by `userId`. Returns its id. */
export async function saveVersion(deps: VersionDeps, userId: string, doc: DocumentRow, name: string): Promise<string> {
  await deps.hub.stored(doc.id)
  const captured = await deps.documentReader.read(doc.id, { kind: 'capture' })
  const id = await deps.versions.record(doc.id, doc.space, captured, { kind: 'named', name, createdBy: userId, restoredFrom: null })
  return id!
}

/**
 * Brings `version` back as a new edit by `userId`, which everyone editing sees at once. The state
 * it replaces is kept first (as an automatic version, unless it is already the last one), and
 * the result is recorded as a restore version. Returns that version's id.
 */
export async function restoreVersion(deps: VersionDeps, userId: string, doc: DocumentRow, version: VersionRow): Promise<string> {
  const { db, hub, documentReader, documents, versions } = deps
  const content = (await versionContent(db, version.id))!
  await hub.stored(doc.id)
  await versions.automatic(doc.id, doc.space, () => documentReader.read(doc.id, { kind: 'capture' }))
  const live = { live: doc.id }
  const id = await hub.edit(
    doc.id,
    doc.space,
    userId,
    () =>
      documents.job(live, { kind: 'restore', content: content.prosemirror }).catch((err: unknown) => {
        if (err instanceof InvalidContent) throw new ApiError('conflict', `This version cannot be restored: ${err.message}`)
        throw err
      }),
    async () =>
      versions.record(doc.id, doc.space, await documents.job(live, { kind: 'capture' }), {
        kind: 'restore',
        name: null,
        createdBy: userId,
        restoredFrom: version.id,
      }),
  )
  return id!
}

/**
 * Makes the live document's content equal `content`, as an edit by `userId` that everyone
 * editing sees at once; only the top-level blocks that differ are replaced, so the others keep
 * their authors and the comments on them. Used by the demo's story (and next by imports).
 */
export async function writeDocument(deps: VersionDeps, userId: string, doc: DocumentRow, content: PmNode): Promise<void> {
  const live = { live: doc.id }
  await deps.hub.edit(
    doc.id,
    doc.space,
    userId,
    () => deps.documents.job(live, { kind: 'restore', content }),
    async () => undefined,
  )
}
