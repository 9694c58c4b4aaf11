import type { Queryable } from '../../db/db'
import { listDocuments, policyTarget } from '../../data/documents'
import { localisationStatuses, localisationSteps, supportActivities } from '../../data/localisation'
import { describePeople } from '../../data/people'
import { readersOf } from '../../data/readers'
import { listMemberships } from '../../data/workspace'
import { presentDocument } from '../presenters'
import { can } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import type { TemplateLocale } from '../../../shared/templates'
import {
  ADVICE,
  adviceApplies,
  localisationProgress,
  PHASES,
  SUPPORT_KEYS,
  type LocalisationProgress,
  type StepKey,
  type StepStatus,
} from '../../../shared/localisation'
import type { CityLocalisation } from '../../../shared/api'

/** A city's City WORKS tracker as this reader sees it: linked documents they may not read stay hidden. */
export async function cityLocalisation(q: Queryable, actor: Actor, cityId: string, locale: TemplateLocale): Promise<CityLocalisation> {
  const city = { type: 'city', id: cityId } as const
  const networkIds = (await listMemberships(q, { cityId })).map((m) => m.networkId)
  const [steps, support, documents] = await Promise.all([
    localisationSteps(q, cityId),
    supportActivities(q, cityId),
    listDocuments(q, { networkIds, cityIds: [cityId] }, true),
  ])
  const readable = documents.filter((d) => can(actor, 'read', policyTarget(d)))
  const byId = new Map(readable.map((d) => [d.id, d]))
  const statuses = new Map<StepKey, StepStatus>(steps.map((s) => [s.key, s.status]))
  const track = can(actor, 'track_localisation', city)
  return {
    phases: PHASES.map((p) => ({
      key: p.key,
      steps: p.steps.map((content) => {
        const s = steps.find((one) => one.key === content.key)
        return {
          key: content.key,
          status: s?.status ?? 'not_started',
          lead: s?.lead ?? null,
          startedOn: s?.startedOn ?? null,
          doneOn: s?.doneOn ?? null,
          note: s?.note ?? '',
          documents: (s?.documentIds ?? []).flatMap((id) => (byId.has(id) ? [presentDocument(actor, byId.get(id)!)] : [])),
          updatedBy: s?.updatedBy ?? null,
          updatedAt: s ? new Date(s.updatedAt).toISOString() : null,
        }
      }),
    })),
    supportActivities: SUPPORT_KEYS.map((key) => {
      const a = support.find((one) => one.key === key)
      return {
        key,
        status: a?.status ?? 'not_started',
        note: a?.note ?? '',
        updatedBy: a?.updatedBy ?? null,
        updatedAt: a ? new Date(a.updatedAt).toISOString() : null,
      }
    }),
    advice: adviceApplies(statuses) ? ADVICE[locale] : null,
    progress: localisationProgress(statuses),
    allowed: { track },
    leadCandidates: track ? await leadCandidates(q, cityId) : [],
    linkable: track ? readable.filter((d) => d.archivedAt === null).map((d) => presentDocument(actor, d)) : [],
  }
}

async function leadCandidates(q: Queryable, cityId: string): Promise<{ id: string; name: string }[]> {
  const city = { type: 'city', id: cityId } as const
  const people = await describePeople(q, [...(await readersOf(q, city))], city)
  return [...people.values()].map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

/** Each of these cities' progress, for the network's dashboard and its quarterly report. */
export async function localisationProgressOf(q: Queryable, cityIds: string[]): Promise<Map<string, LocalisationProgress>> {
  const rows = await localisationStatuses(q, cityIds)
  return new Map(cityIds.map((id) => [id, localisationProgress(new Map(rows.filter((r) => r.cityId === id).map((r) => [r.key, r.status])))]))
}
