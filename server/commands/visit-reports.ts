import { inTransaction, type Queryable } from '../db/db'
import { getDocument, type DocumentRow } from '../data/documents'
import { lockVisitReport, setVisitReport } from '../data/onboarding'
import { TEMPLATES, type TemplateLocale } from '../../shared/templates'
import { createDocumentFromTemplate } from './create-document'

/**
 * Starts the report of the secretariat's visit to a city, in one transaction: a live document
 * from its template in the city's space — private to the city's team and the secretariat, never
 * the funder's to read — linked to the visit. A visit has one report: if it already has one,
 * that one is returned and nothing is made.
 */
export function startVisitReport(
  q: Queryable,
  v: { networkId: string; city: { id: string; name: string }; userId: string; locale: TemplateLocale },
): Promise<{ document: DocumentRow; created: boolean }> {
  return inTransaction(q, async (tx) => {
    const existing = await lockVisitReport(tx, v.networkId, v.city.id)
    if (existing) return { document: (await getDocument(tx, existing))!, created: false }
    const document = await createDocumentFromTemplate(tx, {
      space: { type: 'city', id: v.city.id },
      kind: 'visit_report',
      title: `${TEMPLATES.visit_report.title[v.locale]} — ${v.city.name}`,
      locale: v.locale,
      createdBy: v.userId,
    })
    await setVisitReport(tx, v.networkId, v.city.id, document.id)
    return { document, created: true }
  })
}
