import type { AppDeps } from '../context'
import type { DocumentRow } from '../data/documents'
import { documentAuthors } from '../data/live-documents'
import { getVersion, versionContent } from '../data/versions'
import type { PmNode } from './pm'

/** What an export is made of: the content, which state of the document it is, and who wrote it. */
export type ExportSource = {
  content: PmNode
  /** null: the live document. A version's name is null when it was saved automatically. */
  version: { name: string | null; createdAt: Date } | null
  authorIds: string[]
}

/**
 * The live document as it is now (this instance's copy when open here, else storage), or one of
 * its saved versions with the people who contributed to it; null for a version it does not have.
 */
export async function exportSource(deps: Pick<AppDeps, 'db' | 'documentReader'>, document: DocumentRow, versionId?: string): Promise<ExportSource | null> {
  if (versionId !== undefined) {
    const [version, stored] = await Promise.all([getVersion(deps.db, document.id, versionId), versionContent(deps.db, versionId)])
    if (!version || !stored) return null
    return { content: stored.prosemirror, version: { name: version.name, createdAt: version.createdAt }, authorIds: version.contributors.map((p) => p.id) }
  }
  const [content, authorIds] = await Promise.all([deps.documentReader.read(document.id, { kind: 'prosemirror' }), documentAuthors(deps.db, document.id)])
  return { content, version: null, authorIds }
}
