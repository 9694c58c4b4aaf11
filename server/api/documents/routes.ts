import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { createDocumentFromTemplate } from '../../commands/create-document'
import { archiveDocument, getDocument, listDocuments, renameDocument } from '../../data/documents'
import { authorizeDocument, authorizeSpace } from '../access'
import { presentDocument } from '../presenters'
import { idParam, validate } from '../validate'
import { readableSpaces } from '../../../shared/policy'
import { createDocumentBody, renameDocumentBody } from '../../../shared/schemas'

export const documentRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { actor } = requireIdentity(c)
    const docs = await listDocuments(c.var.deps.db, readableSpaces(actor))
    return c.json(docs.map((d) => presentDocument(actor, d)))
  })
  .post('/', validate('json', createDocumentBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    await authorizeSpace(c, body.space, 'create_document')
    const doc = await createDocumentFromTemplate(c.var.deps.db, { ...body, createdBy: user.id })
    return c.json(presentDocument(actor, doc), 201)
  })
  .get('/:id', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, c.req.param('id'), 'read')
    return c.json(presentDocument(requireIdentity(c).actor, doc))
  })
  .patch('/:id', idParam('id'), validate('json', renameDocumentBody), async (c) => {
    const { db } = c.var.deps
    const doc = await authorizeDocument(c, c.req.param('id'), 'rename_document')
    await renameDocument(db, doc.id, c.req.valid('json').title)
    return c.json(presentDocument(requireIdentity(c).actor, (await getDocument(db, doc.id))!))
  })
  .post('/:id/archive', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, c.req.param('id'), 'archive_document')
    await archiveDocument(c.var.deps.db, doc.id)
    return c.body(null, 204)
  })
