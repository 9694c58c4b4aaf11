import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { createDocumentFromTemplate } from '../../commands/create-document'
import { newLinkToken } from '../../auth/tokens'
import { announceAccessChange } from '../../data/access-events'
import { archiveDocument, getDocument, listDocuments, renameDocument, setDueDate, setPlan } from '../../data/documents'
import { createCollabToken, renewCollabToken } from '../../data/collab-tokens'
import { hashToken } from '../../auth/tokens'
import { exportDocument } from '../../export/export-document'
import { importDocument } from './import'
import { authorizeDocument, authorizeSpace } from '../access'
import { ApiError, notFound } from '../../errors'
import { presentDocument } from '../presenters'
import { idParam, validate } from '../validate'
import { readableSpaces } from '../../../shared/policy'
import { collabTokenBody, createDocumentBody, exportQuery, updateDocumentBody } from '../../../shared/schemas'
import type { CollabTokenResponse } from '../../../shared/api'
import type { SpaceRef } from '../../../shared/domain'
import type { DocumentKind } from '../../../shared/templates'
import type { Queryable } from '../../db/db'

const COLLAB_TOKEN_MINUTES = 10

export const documentRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { actor } = requireIdentity(c)
    const docs = await listDocuments(c.var.deps.db, readableSpaces(actor))
    return c.json(docs.map((d) => presentDocument(actor, d)))
  })
  .post('/import', importDocument)
  .post('/', validate('json', createDocumentBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    await authorizeSpace(c, body.space, 'create_document')
    if (body.planId !== undefined) await checkPlan(c.var.deps.db, { space: body.space, kind: body.kind }, body.planId)
    const doc = await createDocumentFromTemplate(c.var.deps.db, { ...body, createdBy: user.id })
    return c.json(presentDocument(actor, doc), 201)
  })
  .get('/:id', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, c.req.param('id'), 'read')
    return c.json(presentDocument(requireIdentity(c).actor, doc))
  })
  .patch('/:id', idParam('id'), validate('json', updateDocumentBody), async (c) => {
    const { db } = c.var.deps
    const { title, dueOn, planId } = c.req.valid('json')
    // Each field asks for its own right: a writer renames and links a log to its plan, the secretariat sets due dates.
    const doc = await authorizeDocument(c, c.req.param('id'), dueOn !== undefined ? 'set_due_date' : 'rename_document')
    if (dueOn !== undefined && (title !== undefined || planId !== undefined)) await authorizeDocument(c, doc.id, 'rename_document')
    if (planId) await checkPlan(db, doc, planId)
    await db.transaction(async (tx) => {
      if (title !== undefined) await renameDocument(tx, doc.id, title)
      if (dueOn !== undefined) await setDueDate(tx, doc.id, dueOn)
      if (planId !== undefined) await setPlan(tx, doc.id, planId)
    })
    return c.json(presentDocument(requireIdentity(c).actor, (await getDocument(db, doc.id))!))
  })
  .post('/:id/collab-token', idParam('id'), validate('json', collabTokenBody), async (c) => {
    // For clients that cannot send our cookie (scripts, integrations, tests): one document, a few
    // minutes, bound to this session. A socket opened with it closes when it expires, unless the
    // client renews it here meanwhile (`renew`: the token it holds).
    const doc = await authorizeDocument(c, c.req.param('id'), 'read')
    const { user, session } = requireIdentity(c)
    const { db, auth } = c.var.deps
    const expiresAt = new Date(Date.now() + COLLAB_TOKEN_MINUTES * 60_000)
    const bound = { userId: user.id, documentId: doc.id, sessionId: auth.storedId(session.id), expiresAt }
    const { renew } = c.req.valid('json')
    if (renew !== undefined) {
      if (!(await renewCollabToken(db, { ...bound, tokenHash: hashToken(renew) }))) {
        throw new ApiError('link_invalid', 'This collab token is not valid for this document and session any more: ask for a new one')
      }
      const body: CollabTokenResponse = { token: renew, expiresAt: expiresAt.toISOString() }
      return c.json(body, 200)
    }
    const { token, hash } = newLinkToken()
    await createCollabToken(db, { ...bound, tokenHash: hash })
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
    const { db } = c.var.deps
    await db.transaction(async (tx) => {
      await archiveDocument(tx, doc.id)
      // Open sockets on it drop to read-only, like after a role removal.
      await announceAccessChange(tx, { documentId: doc.id })
    })
    return c.body(null, 204)
  })

/** An experimentation log follows an action plan of its own space, which its writers can already see. */
async function checkPlan(db: Queryable, log: { space: SpaceRef; kind: DocumentKind }, planId: string): Promise<void> {
  const invalid = (message: string) => new ApiError('invalid_input', message, { fields: [{ path: 'planId', message }] })
  if (log.kind !== 'experimentation_log') throw invalid('only an experimentation log follows a plan')
  const plan = await getDocument(db, planId)
  if (!plan || plan.space.type !== log.space.type || plan.space.id !== log.space.id) throw invalid('no action plan with this id in the same space')
  if (plan.kind !== 'action_plan' || plan.archivedAt !== null) throw invalid('an experimentation log follows a live action plan')
}
