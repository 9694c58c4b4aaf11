import type { Db, Queryable } from '../db/db'
import { getDocument, policyTarget } from '../data/documents'
import { localisationSteps, saveStep, setStepDocuments } from '../data/localisation'
import { readersAmong } from '../data/readers'
import { listMemberships } from '../data/workspace'
import { ApiError } from '../errors'
import { can } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import { nextDates, type StepDates, type StepKey, type StepStatus } from '../../shared/localisation'

export type StepChange = Partial<StepDates> & {
  status?: StepStatus
  leadUserId?: string | null
  note?: string
  documentIds?: string[]
}

/**
 * Changes one City WORKS step of a city, in one transaction: the lead must be someone who may
 * read the city, each linked document one of the city's or of its networks' that the caller may
 * read (links to documents they may not read stay); a status change sets its days unless they
 * are given. Anything refused changes nothing.
 */
export async function updateLocalisationStep(db: Db, actor: Actor, cityId: string, key: StepKey, change: StepChange, today: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = (await localisationSteps(tx, cityId)).find((s) => s.key === key)
    const was = before ?? { status: 'not_started' as const, startedOn: null, doneOn: null, lead: null, note: '' }
    if (change.leadUserId) await checkLead(tx, cityId, change.leadUserId)
    if (change.documentIds) await checkDocuments(tx, actor, cityId, change.documentIds)
    const status = change.status ?? was.status
    const dates = nextDates(was, status, change, today)
    if (dates.startedOn && dates.doneOn && dates.doneOn < dates.startedOn) {
      throw new ApiError('invalid_input', `A step is done on or after the day it started (${dates.startedOn})`)
    }
    await saveStep(tx, {
      cityId,
      key,
      status,
      ...dates,
      leadId: change.leadUserId !== undefined ? change.leadUserId : (was.lead?.id ?? null),
      note: change.note ?? was.note,
      by: actor.userId,
    })
    if (change.documentIds) {
      const hidden = await unreadable(tx, actor, before?.documentIds ?? [])
      await setStepDocuments(tx, cityId, key, [...new Set([...change.documentIds, ...hidden])])
    }
  })
}

/** Links the caller cannot see are not theirs to remove: a list they send replaces only those they see. */
async function unreadable(q: Queryable, actor: Actor, documentIds: readonly string[]): Promise<string[]> {
  const hidden: string[] = []
  for (const id of documentIds) {
    const doc = await getDocument(q, id)
    if (doc && !can(actor, 'read', policyTarget(doc))) hidden.push(id)
  }
  return hidden
}

async function checkLead(q: Queryable, cityId: string, userId: string): Promise<void> {
  const readers = await readersAmong(q, { type: 'city', id: cityId }, [userId])
  if (!readers.has(userId)) throw new ApiError('invalid_input', 'The lead of a step must be someone who may open the city’s space')
}

async function checkDocuments(q: Queryable, actor: Actor, cityId: string, documentIds: readonly string[]): Promise<void> {
  const networkIds = new Set((await listMemberships(q, { cityId })).map((m) => m.networkId))
  for (const id of documentIds) {
    const doc = await getDocument(q, id)
    const ours = doc && (doc.space.type === 'city' ? doc.space.id === cityId : networkIds.has(doc.space.id))
    if (!doc || !ours || !can(actor, 'read', policyTarget(doc))) {
      throw new ApiError('invalid_input', 'A step links documents of this city or of its networks that you may read; this one is not one of them')
    }
  }
}
