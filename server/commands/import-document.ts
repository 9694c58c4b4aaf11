import * as Y from 'yjs'
import { inTransaction, type Queryable } from '../db/db'
import { createDocument, type DocumentRow } from '../data/documents'
import { insertUpdates, writeContent } from '../data/live-documents'
import type { Imported } from '../import/thread'
import type { VersionRecorder } from '../versions/record'
import type { SpaceRef } from '../../shared/domain'
import type { DocumentKind, TemplateLocale } from '../../shared/templates'
import { VERSION_NAME_MAX_CHARS } from '../../shared/schemas'

/**
 * Creates a document from an imported file, in one transaction: the document, its content as the
 * first entry of its update log (written by the importer) and as its derived copy, and its first
 * version, named after the file, so the imported state can always be found again.
 */
export async function createImportedDocument(
  q: Queryable,
  versions: VersionRecorder,
  d: { space: SpaceRef; kind: DocumentKind; title: string; locale: TemplateLocale; createdBy: string; filename: string; imported: Imported },
): Promise<DocumentRow> {
  const { update, captured } = d.imported
  return inTransaction(q, async (tx) => {
    const doc = await createDocument(tx, d)
    await insertUpdates(tx, [{ documentId: doc.id, userId: d.createdBy, data: update, clientIds: [...Y.parseUpdateMeta(update).from.keys()] }])
    // Its derived copy at once, so the imported text is searchable before anyone opens it.
    await writeContent(tx, doc.id, captured.text, captured.prosemirrorJson)
    await versions.recordIn(tx, doc.id, d.space, captured, {
      kind: 'named',
      name: `Importé de ${d.filename}`.slice(0, VERSION_NAME_MAX_CHARS),
      createdBy: d.createdBy,
      restoredFrom: null,
    })
    return doc
  })
}
