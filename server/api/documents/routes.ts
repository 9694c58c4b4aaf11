import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { createDocumentFromTemplate } from '../../commands/create-document'
import { newLinkToken } from '../../auth/tokens'
import { archiveDocument, getDocument, listDocuments, renameDocument } from '../../data/documents'
import { createCollabToken } from '../../data/live-documents'
import { exportDocument } from '../../export/export-document'
import { authorizeDocument, authorizeSpace } from '../access'
import { notFound } from '../errors'
import { presentDocument } from '../presenters'
import { idParam, validate } from '../validate'
import { readableSpaces } from '../../../shared/policy'
import { createDocumentBody, exportQuery, renameDocumentBody } from '../../../shared/schemas'
import type { CollabTokenResponse } from '../../../shared/api'

const COLLAB_TOKEN_MINUTES = 10

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
  .post('/:id/collab-token', idParam('id'), async (c) => {
    // For clients that cannot send our cookie (scripts, integrations, tests): one document, a few minutes.
    const doc = await authorizeDocument(c, c.req.param('id'), 'read')
    const { token, hash } = newLinkToken()
    const expiresAt = new Date(Date.now() + COLLAB_TOKEN_MINUTES * 60_000)
    await createCollabToken(c.var.deps.db, { tokenHash: hash, userId: requireIdentity(c).user.id, documentId: doc.id, expiresAt })
    const body: CollabTokenResponse = { token, expiresAt: expiresAt.toISOString() }
    return c.json(body, 201)
  })
  .get('/:id/export', idParam('id'), validate('query', exportQuery), async (c) => {
    // Whoever may read a document may take it away as a file.
    const doc = await authorizeDocument(c, c.req.param('id'), 'read')
    const { format, version } = c.req.valid('query')
    const file = await exportDocument(c.var.deps, doc, format, version)
    if (!file) throw notFound('No such version')
    // Content-Length lets the browser show a long download's progress.
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': file.disposition,
      'Content-Length': String(file.body.byteLength),
      'Cache-Control': 'private, no-store',
    })
  })
  .post('/:id/archive', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, c.req.param('id'), 'archive_document')
    await archiveDocument(c.var.deps.db, doc.id)
    return c.body(null, 204)
  })
