import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { policyTarget, type DocumentRow } from '../../data/documents'
import { listPending, settle, withAuthors } from '../../commands/suggestions'
import type { SuggestionChoice } from '../../content/settle'
import { authorizeDocument } from '../access'
import { notFound, refusalError } from '../../errors'
import { idParam, validate } from '../validate'
import { suggestionRefusal, type SuggestionDecision } from '../../../shared/policy'
import { settleAllBody, suggestionParam } from '../../../shared/schemas'
import type { SettledSuggestions, SuggestionList } from '../../../shared/api'

/**
 * `/api/documents/:id/suggestions`: the changes proposed in the text, pending. Readers list them;
 * writers accept or reject anyone's, a suggester withdraws their own (shared/policy.ts
 * suggestionRefusal). Settling is an edit of the live document, seen by everyone at once.
 */

const documentId = (c: Context<AppEnv>) => c.req.param('id')!

/** Refuses, for a suggestion by `authorId` (null: anyone's), with 403 for the role and 409 for an archived document. */
function authorize(c: Context<AppEnv>, doc: DocumentRow, decision: SuggestionDecision, authorId: string | null): void {
  const why = suggestionRefusal(requireIdentity(c).actor, decision, policyTarget(doc), authorId)
  if (why) {
    const whose = authorId === requireIdentity(c).user.id ? 'your own suggestions' : 'others’ suggestions'
    throw refusalError(why, `You may not ${decision} ${whose} in this document`)
  }
}

async function settleOne(c: Context<AppEnv>, decision: SuggestionDecision): Promise<Response> {
  const { user } = requireIdentity(c)
  const doc = await authorizeDocument(c, documentId(c), 'read')
  // Whoever could settle nothing here is told so before being told what exists.
  authorize(c, doc, decision, user.id)
  const id = c.req.param('suggestionId')!
  const suggestion = (await listPending(c.var.deps, doc)).find((s) => s.id === id)
  if (!suggestion) throw notFound('No such suggestion pending in this document')
  authorize(c, doc, decision, suggestion.authorId)
  const settled = await settle(c.var.deps, user.id, doc, decision, { ids: [id] })
  if (settled === 0) throw notFound('This suggestion was settled meanwhile')
  return c.json({ settled } satisfies SettledSuggestions)
}

async function settleAll(c: Context<AppEnv>, decision: SuggestionDecision, authorId: string | undefined): Promise<Response> {
  const { user } = requireIdentity(c)
  const doc = await authorizeDocument(c, documentId(c), 'read')
  authorize(c, doc, decision, authorId ?? null)
  const choice: SuggestionChoice = authorId === undefined ? { all: true } : { all: true, authorId }
  return c.json({ settled: await settle(c.var.deps, user.id, doc, decision, choice) } satisfies SettledSuggestions)
}

export const suggestionRoutes = new Hono<AppEnv>()
  .get('/', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const body: SuggestionList = { suggestions: await withAuthors(c.var.deps.db, doc, await listPending(c.var.deps, doc)) }
    return c.json(body)
  })
  .post('/accept-all', idParam('id'), validate('json', settleAllBody), (c) => settleAll(c, 'accept', c.req.valid('json').authorId))
  .post('/reject-all', idParam('id'), validate('json', settleAllBody), (c) => settleAll(c, 'reject', c.req.valid('json').authorId))
  .post('/:suggestionId/accept', idParam('id'), validate('param', suggestionParam), (c) => settleOne(c, 'accept'))
  .post('/:suggestionId/reject', idParam('id'), validate('param', suggestionParam), (c) => settleOne(c, 'reject'))
