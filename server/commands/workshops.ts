import { addDays } from '../../shared/days'
import type { Db, Queryable } from '../db/db'
import { announceAccessChange } from '../data/access-events'
import { setDueDate } from '../data/documents'
import {
  calendarSequence,
  deleteParticipant,
  getParticipant,
  updateWorkshop,
  type WorkshopRow,
  insertParticipant,
  insertWorkshop,
  linkWorkshopDocument,
  listParticipants,
  lockWorkshop,
  type ParticipantRow,
  type WorkshopFields,
  workshopDocuments,
} from '../data/workshops'
import { ApiError } from '../errors'
import { TEMPLATES, type TemplateLocale } from '../../shared/templates'
import { DELIVERABLES_DUE_DAYS, FUNDED_CAPS, fundingRefusal, WORKSHOP_DELIVERABLES, type FundingRefusal } from '../../shared/workshops'
import { createDocumentFromTemplate } from './create-document'
import { mailWorkshopEvent } from './workshop-mail'
import type { MailQueue } from '../mail/mail'

type WorkshopDeps = { db: Db; mail: MailQueue }

/**
 * A new workshop of the network, in one transaction: the workshop, its agenda as a live document
 * from the seed's day-by-day structure, and its four deliverables from their templates, each due
 * some weeks after the workshop. Returns its id.
 */
export async function createWorkshop(db: Db, userId: string, networkId: string, fields: WorkshopFields, locale: TemplateLocale): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertWorkshop(tx, networkId, userId, fields)
    const space = { type: 'network', id: networkId } as const
    const due = addDays(fields.endsOn, DELIVERABLES_DUE_DAYS)
    const agenda = await createDocumentFromTemplate(tx, {
      space,
      kind: 'workshop_agenda',
      title: `${TEMPLATES.workshop_agenda.title[locale]} — ${fields.title}`,
      locale,
      createdBy: userId,
    })
    await linkWorkshopDocument(tx, id, agenda.id, 'agenda')
    for (const kind of WORKSHOP_DELIVERABLES) {
      const doc = await createDocumentFromTemplate(tx, { space, kind, title: `${TEMPLATES[kind].title[locale]} — ${fields.title}`, locale, createdBy: userId })
      await linkWorkshopDocument(tx, id, doc.id, kind)
      await setDueDate(tx, doc.id, due)
    }
    return id
  })
}

const FUNDING_MESSAGES: Record<Exclude<FundingRefusal, null>, string> = {
  experts_cap: `The secretariat funds at most ${FUNDED_CAPS.experts} experts per workshop: this one would be the ${FUNDED_CAPS.experts + 1}th. Record them at their own cost, or remove a funded expert first`,
  advisory_cap: `The secretariat funds at most ${FUNDED_CAPS.advisory} member of the advisory group per workshop`,
  city_needs_exception: 'Member cities attend at their own cost: funding a city’s representative must be recorded as an exception',
}

/** Adds someone taking part; a funded one only within the secretariat's caps, checked with the workshop's row locked. */
export async function addParticipant(deps: WorkshopDeps, workshopId: string, p: Omit<ParticipantRow, 'id'>, exception: boolean): Promise<string> {
  return deps.db.transaction(async (tx) => {
    await lockWorkshop(tx, workshopId)
    if (p.funded) {
      const why = fundingRefusal(p.kind, fundedCounts(await listParticipants(tx, workshopId)), exception)
      if (why) throw new ApiError('funding_cap', FUNDING_MESSAGES[why])
    }
    const id = await insertParticipant(tx, workshopId, p)
    await announceWorkshopAccess(tx, workshopId)
    await mailWorkshopEvent(tx, deps.mail, workshopId, 'invited', [{ ...p, id }])
    return id
  })
}

/** Removes someone taking part: their rights on the workshop's documents end with the transaction, open connections included. */
export async function removeParticipant(deps: WorkshopDeps, workshopId: string, participantId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const participant = await getParticipant(tx, workshopId, participantId)
    if (!participant || !(await deleteParticipant(tx, workshopId, participantId))) return false
    await announceWorkshopAccess(tx, workshopId)
    await mailWorkshopEvent(tx, deps.mail, workshopId, 'cancelled', [participant])
    return true
  })
}

/** New fields for the workshop; a change of its dates or place is a new revision of its calendar event, mailed to those taking part. */
export async function changeWorkshop(deps: WorkshopDeps, workshop: WorkshopRow, fields: WorkshopFields): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await updateWorkshop(tx, workshop.id, fields)
    const moved = fields.startsOn !== workshop.startsOn || fields.endsOn !== workshop.endsOn || fields.place !== workshop.place
    if (!moved) return
    await calendarSequence(tx, workshop.id, true)
    await mailWorkshopEvent(tx, deps.mail, workshop.id, 'changed', await listParticipants(tx, workshop.id))
  })
}

/** Who may write the workshop's documents changed: their open connections are checked again (delivered on commit). */
async function announceWorkshopAccess(tx: Queryable, workshopId: string): Promise<void> {
  for (const documentId of (await workshopDocuments(tx, workshopId)).values()) await announceAccessChange(tx, { documentId })
}

/** The funded participants so far, as the caps count them. */
export function fundedCounts(participants: readonly Pick<ParticipantRow, 'kind' | 'funded'>[]): { experts: number; advisory: number } {
  const funded = participants.filter((p) => p.funded)
  return {
    experts: funded.filter((p) => p.kind === 'local_expert' || p.kind === 'international_expert').length,
    advisory: funded.filter((p) => p.kind === 'advisory').length,
  }
}
