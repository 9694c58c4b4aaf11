import type { Queryable } from '../db/db'
import { networkDeliverables, type DeliverableRow } from '../data/dashboard'
import { getNetworks, listMemberships } from '../data/workspace'
import { listWorkshops, networkWorkshopDocuments } from '../data/workshops'
import { presentMembership } from '../api/networks/present'
import { onboardingProgress } from '../api/onboarding/present'
import { localisationProgressOf } from '../api/localisation/present'
import type { DashboardCity, DashboardDocument, DashboardWorkshop, NetworkDashboard } from '../../shared/api'
import { isOverdue, withWriters } from '../../shared/domain'
import { WORKSHOP_DELIVERABLES } from '../../shared/workshops'

function presentDeliverable(d: DeliverableRow): DashboardDocument {
  return {
    id: d.id,
    title: d.title,
    kind: d.kind,
    stage: d.stage,
    dueOn: d.dueOn,
    overdue: isOverdue(d),
    lastNumber: d.lastNumber,
    validatedNumber: d.validatedNumber,
    updatedAt: new Date(d.updatedAt).toISOString(),
    openComments: d.openComments,
  }
}

/** The network's dashboard: a row per active city (pilot first), the network's own deliverables, then its workshops'. */
export async function networkDashboard(q: Queryable, networkId: string): Promise<NetworkDashboard> {
  const [[network], memberships, deliverables, onboarding, workshops, workshopDocuments] = await Promise.all([
    getNetworks(q, [networkId]),
    listMemberships(q, { networkId }),
    networkDeliverables(q, networkId),
    onboardingProgress(q, networkId),
    listWorkshops(q, networkId),
    networkWorkshopDocuments(q, networkId),
  ])
  const localisation = await localisationProgressOf(
    q,
    memberships.map((m) => m.cityId),
  )
  const shown = deliverables.map((d) => ({ row: d, view: presentDeliverable(d) }))
  const inWorkshop = new Set(workshopDocuments.map((d) => d.documentId))
  const viewOf = new Map(shown.map((d) => [d.row.id, d.view]))
  const workshopDocument = new Map(workshopDocuments.map((d) => [`${d.workshopId}:${d.role}`, d.documentId]))
  const cities = memberships.map((m): DashboardCity => {
    const documents = shown.filter((d) => d.row.cityId === m.cityId).map((d) => d.view)
    return {
      membership: presentMembership(m),
      // Newest first (the query's order): the plan worked on last.
      plan: documents.find((d) => d.kind === 'action_plan') ?? null,
      documents,
      lastActivity: documents[0]?.updatedAt ?? null,
      openComments: documents.reduce((n, d) => n + d.openComments, 0),
      due: documents.filter((d) => d.dueOn !== null && !d.overdue && withWriters(d.stage)).length,
      overdue: documents.filter((d) => d.overdue).length,
      onboarding: onboarding.get(m.cityId) ?? { objectivesMet: 0, paperworkLate: false },
      localisation: localisation.get(m.cityId)!,
    }
  })
  return {
    network: { id: network!.id, name: network!.name },
    cities,
    documents: shown.filter((d) => d.row.cityId === null && !inWorkshop.has(d.row.id)).map((d) => d.view),
    workshops: workshops.map(
      (w): DashboardWorkshop => ({
        id: w.id,
        title: w.title,
        startsOn: w.startsOn,
        endsOn: w.endsOn,
        place: w.place,
        deliverables: WORKSHOP_DELIVERABLES.flatMap((role) => {
          const view = viewOf.get(workshopDocument.get(`${w.id}:${role}`) ?? '')
          return view ? [view] : []
        }),
      }),
    ),
    generatedAt: new Date().toISOString(),
  }
}
