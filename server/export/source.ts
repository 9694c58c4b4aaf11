import type { AppDeps } from '../context'
import type { DocumentRow } from '../data/documents'
import { documentAuthors } from '../data/live-documents'
import { readProsemirror } from '../collab/content'
import type { PmNode } from './pm'

/** What an export is made of: the content, which state of the document it is, and who wrote it. */
export type ExportSource = {
  content: PmNode
  /** null: the live document. */
  version: { name: string; createdAt: Date } | null
  authorIds: string[]
}

/**
 * The live document as it is now (this instance's copy when open here, else storage), or one of
 * its versions. There is no versions storage yet, so any version is unknown: null, a 404 for the
 * route. Versions plug in here, returning their stored content, name, date and authors.
 */
export async function exportSource(
  deps: Pick<AppDeps, 'db' | 'documentReader'>,
  document: DocumentRow,
  versionId?: string,
): Promise<ExportSource | null> {
  if (versionId !== undefined) return null
  const [content, authorIds] = await Promise.all([
    deps.documentReader.read(document.id, readProsemirror),
    documentAuthors(deps.db, document.id),
  ])
  return { content, version: null, authorIds }
}
