import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { publishableNetworks, publishPractice, republishPractice } from '../../commands/practices'
import { getDocument, policyTarget, type DocumentRow } from '../../data/documents'
import { deletePractice, getPractice, insertPracticeComment, listPractices, setPracticeStatus, updatePractice, type PracticeRow } from '../../data/practices'
import { ApiError, forbidden, notFound, refusalError } from '../../errors'
import { authorizeDocument } from '../access'
import { idParam, validate } from '../validate'
import { facetsOf, presentPractice, presentPracticeComment, presentPracticeView } from './present'
import { canBrowsePractices, canEditPractice, canModeratePractice, publishRefusal, refusal } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import {
  practiceCommentBody,
  practiceListQuery,
  practiceSourceQuery,
  practiceStatusBody,
  publishPracticeBody,
  updatePracticeBody,
} from '../../../shared/schemas'
import { sectionHeadings } from '../../../shared/practices'
import type { PracticeComment, PracticeList, PracticeSource } from '../../../shared/api'

/**
 * `/api/practices`: the good-practices observatory, shared across networks. Whoever holds a role
 * in a network browses, searches and comments on it; a writer of a document publishes a copy of
 * it (or of a section); its publisher or its network's secretariat edits, republishes or deletes
 * it; the secretariat features it or takes it out of the library.
 */

/** The caller, if they may use the library at all. */
function reader(c: Context<AppEnv>): Actor {
  const { actor } = requireIdentity(c)
  if (!canBrowsePractices(actor)) throw forbidden('The practices library is for those who hold a role in a network')
  return actor
}

const target = (p: PracticeRow) => ({ networkId: p.networkId, publishedBy: p.publishedBy })

/** The practice, as its caller may see it: one taken out of the library is only for those who may edit it. */
async function visiblePractice(c: Context<AppEnv>, actor: Actor): Promise<PracticeRow> {
  const practice = await getPractice(c.var.deps.db, c.req.param('id')!)
  if (!practice || (practice.unpublishedAt !== null && !canEditPractice(actor, target(practice)))) throw notFound('No such practice')
  return practice
}

async function editablePractice(c: Context<AppEnv>): Promise<{ actor: Actor; practice: PracticeRow }> {
  const actor = reader(c)
  const practice = await visiblePractice(c, actor)
  if (!canEditPractice(actor, target(practice))) throw forbidden('Only its publisher and the secretariat of its network may change this practice')
  return { actor, practice }
}

/** The source document, for a step that takes its copy: the caller must write it through a role (policy: publishRefusal). */
async function writableSource(c: Context<AppEnv>, actor: Actor, documentId: string | null): Promise<DocumentRow> {
  return publishable(actor, documentId ? await getDocument(c.var.deps.db, documentId) : null)
}

function publishable(actor: Actor, document: DocumentRow | null): DocumentRow {
  if (!document) throw new ApiError('conflict', 'The source document no longer exists: this practice can no longer be republished')
  const why = publishRefusal(actor, policyTarget(document))
  if (why) throw refusalError(why, 'You may not write the source document: only its writers publish it')
  return document
}

export const practiceRoutes = new Hono<AppEnv>()
  .get('/', validate('query', practiceListQuery), async (c) => {
    reader(c)
    const { db } = c.var.deps
    const f = c.req.valid('query')
    const [rows, all] = await Promise.all([
      listPractices(db, {
        q: f.q || undefined,
        theme: f.theme || undefined,
        axis: f.axis,
        cityId: f.city,
        networkId: f.network,
        region: f.region || undefined,
      }),
      listPractices(db, {}),
    ])
    const body: PracticeList = { practices: rows.map(presentPractice), facets: facetsOf(all) }
    return c.json(body)
  })
  // What the publishing dialog offers: the document's sections and the networks it may go in.
  .get('/source', validate('query', practiceSourceQuery), async (c) => {
    const document = publishable(reader(c), await authorizeDocument(c, c.req.valid('query').documentId, 'read'))
    const { deps } = c.var
    const [content, networks] = await Promise.all([deps.documentReader.read(document.id, { kind: 'prosemirror' }), publishableNetworks(deps, document)])
    const body: PracticeSource = {
      document: { id: document.id, title: document.title },
      sections: sectionHeadings(content),
      networks: networks.map((n) => ({ id: n.id, name: n.name, theme: n.theme })),
    }
    return c.json(body)
  })
  .post('/', validate('json', publishPracticeBody), async (c) => {
    const actor = reader(c)
    const { user } = requireIdentity(c)
    const body = c.req.valid('json')
    const document = await getDocument(c.var.deps.db, body.documentId)
    if (!document || refusal(actor, 'read', policyTarget(document))) throw notFound('No such document')
    publishable(actor, document)
    const id = await publishPractice(c.var.deps, document, {
      title: body.title,
      summary: body.summary,
      themes: body.themes,
      axis: body.axis ?? null,
      section: body.section ?? null,
      networkId: body.networkId,
      publishedBy: user.id,
    })
    return c.json(await presentPracticeView(c.var.deps.db, actor, (await getPractice(c.var.deps.db, id))!), 201)
  })
  .get('/:id', idParam('id'), async (c) => {
    const actor = reader(c)
    return c.json(await presentPracticeView(c.var.deps.db, actor, await visiblePractice(c, actor)))
  })
  .patch('/:id', idParam('id'), validate('json', updatePracticeBody), async (c) => {
    const { actor, practice } = await editablePractice(c)
    const { db } = c.var.deps
    const body = c.req.valid('json')
    await updatePractice(db, practice.id, {
      title: body.title ?? practice.title,
      summary: body.summary ?? practice.summary,
      themes: body.themes ?? practice.themes,
      axis: body.axis === undefined ? practice.axis : body.axis,
    })
    return c.json(await presentPracticeView(db, actor, (await getPractice(db, practice.id))!))
  })
  .delete('/:id', idParam('id'), async (c) => {
    const { practice } = await editablePractice(c)
    await deletePractice(c.var.deps.db, practice.id)
    return c.body(null, 204)
  })
  // The copy is taken again from the source as it is now: until then, it does not follow the source's edits.
  .post('/:id/republish', idParam('id'), async (c) => {
    const { actor, practice } = await editablePractice(c)
    const document = await writableSource(c, actor, practice.documentId)
    return c.json(await presentPracticeView(c.var.deps.db, actor, await republishPractice(c.var.deps, practice, document)))
  })
  .patch('/:id/status', idParam('id'), validate('json', practiceStatusBody), async (c) => {
    const actor = reader(c)
    const practice = await visiblePractice(c, actor)
    if (!canModeratePractice(actor, target(practice))) throw forbidden('Only the secretariat of its network features a practice or takes it out of the library')
    const { db } = c.var.deps
    await setPracticeStatus(db, practice.id, c.req.valid('json'))
    return c.json(await presentPracticeView(db, actor, (await getPractice(db, practice.id))!))
  })
  .post('/:id/comments', idParam('id'), validate('json', practiceCommentBody), async (c) => {
    const actor = reader(c)
    const practice = await visiblePractice(c, actor)
    const { user } = requireIdentity(c)
    const { db } = c.var.deps
    const comment: PracticeComment = presentPracticeComment(await insertPracticeComment(db, practice.id, user.id, c.req.valid('json').body))
    return c.json(comment, 201)
  })
