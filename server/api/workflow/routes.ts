import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { decideOnSubmission, submitDocument } from '../../commands/submissions'
import { getDocument, type DocumentRow } from '../../data/documents'
import { listCycles, logOfPlan } from '../../data/cycles'
import { listSubmissions, type SubmissionOutcome } from '../../data/submissions'
import { authorizeDocument } from '../access'
import { idParam, validate } from '../validate'
import { presentWorkflow } from './present'
import { returnSubmissionBody, submitBody, validateSubmissionBody } from '../../../shared/schemas'
import type { SubmissionCreated, WorkflowView } from '../../../shared/api'

/**
 * `/api/documents/:id/workflow` and `/api/documents/:id/submissions`: where a deliverable stands
 * in the cycle, and its steps — writers submit, the secretariat returns or validates.
 */

async function workflowOf(c: Context<AppEnv>, doc: DocumentRow): Promise<WorkflowView> {
  const { db } = c.var.deps
  const [current, submissions, log] = await Promise.all([getDocument(db, doc.id), listSubmissions(db, doc.id), logOfPlan(db, doc.id)])
  return presentWorkflow(current!, submissions, log && { ...log, cycles: await listCycles(db, log.id) })
}

export const workflowRoutes = new Hono<AppEnv>().get('/', idParam('id'), async (c) => {
  const doc = await authorizeDocument(c, c.req.param('id')!, 'read')
  return c.json(await workflowOf(c, doc))
})

export const submissionRoutes = new Hono<AppEnv>()
  .post('/', idParam('id'), validate('json', submitBody), async (c) => {
    const doc = await authorizeDocument(c, c.req.param('id')!, 'submit')
    const id = await submitDocument(c.var.deps, requireIdentity(c).actor, doc, c.req.valid('json').message)
    c.var.deps.mail.nudge()
    const workflow = await workflowOf(c, doc)
    const body: SubmissionCreated = { submission: workflow.submissions.find((s) => s.id === id)!, workflow }
    return c.json(body, 201)
  })
  .post('/:submissionId/return', idParam('id', 'submissionId'), validate('json', returnSubmissionBody), async (c) =>
    c.json(await decide(c, 'returned', c.req.valid('json').message)),
  )
  .post('/:submissionId/validate', idParam('id', 'submissionId'), validate('json', validateSubmissionBody), async (c) =>
    c.json(await decide(c, 'validated', c.req.valid('json').message)),
  )

/** The secretariat ends the review of the submission in the path; the answer is the document's workflow after it. */
async function decide(c: Context<AppEnv>, outcome: SubmissionOutcome, remarks: string): Promise<WorkflowView> {
  const doc = await authorizeDocument(c, c.req.param('id')!, 'review')
  await decideOnSubmission(c.var.deps, requireIdentity(c).actor, doc, c.req.param('submissionId')!, { outcome, remarks })
  c.var.deps.mail.nudge()
  return workflowOf(c, doc)
}
