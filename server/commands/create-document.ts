import { inTransaction, type Queryable } from '../db/db'
import { createDocument, type DocumentRow } from '../data/documents'
import { insertUpdates, writeContent } from '../data/live-documents'
import { initialUpdate } from '../content/yjs'
import { runJob, type Derived } from '../documents/jobs'
import { docFrom } from '../versions/state'
import * as Y from 'yjs'
import type { SpaceRef } from '../../shared/domain'
import { TEMPLATES, templateContent, type DocumentKind, type TemplateLocale } from '../../shared/templates'

/**
 * Creates a document from its kind's template, in one transaction; used by the API and the demo
 * seed alike. The template's headings are the first entry of the document's update log, written
 * here once, so that no later load can ever add them a second time; and its derived copy, so
 * that they are searchable before anyone opens the document.
 */
export async function createDocumentFromTemplate(
  q: Queryable,
  d: { space: SpaceRef; kind: DocumentKind; title?: string; locale: TemplateLocale; createdBy: string | null; planId?: string | null },
): Promise<DocumentRow> {
  const title = d.title ?? TEMPLATES[d.kind].title[d.locale]
  const data = initialUpdate(templateContent(d.kind, d.locale, title))
  const derived = derivedOf(data)
  return inTransaction(q, async (tx) => {
    const doc = await createDocument(tx, { ...d, title })
    await insertUpdates(tx, [{ documentId: doc.id, userId: d.createdBy, data, clientIds: [...Y.parseUpdateMeta(data).from.keys()] }])
    await writeContent(tx, doc.id, derived.text, derived.prosemirrorJson)
    return doc
  })
}

/** The copy the collaboration layer would derive from this update (a template is small: read here, not on the document thread). */
function derivedOf(update: Uint8Array): Derived {
  const doc = docFrom(update)
  try {
    return runJob(doc, { kind: 'derive' })
  } finally {
    doc.destroy()
  }
}
