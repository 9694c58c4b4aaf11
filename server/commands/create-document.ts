import type { Queryable } from '../db/db'
import { createDocument, type DocumentRow } from '../data/documents'
import type { SpaceRef } from '../../shared/domain'
import { TEMPLATES, type DocumentKind, type TemplateLocale } from '../../shared/templates'

/** Creates a document from its kind's template; used by the API and the demo seed alike. */
export function createDocumentFromTemplate(
  q: Queryable,
  d: { space: SpaceRef; kind: DocumentKind; title?: string; locale: TemplateLocale; createdBy: string | null },
): Promise<DocumentRow> {
  return createDocument(q, { ...d, title: d.title ?? TEMPLATES[d.kind].title[d.locale] })
}
