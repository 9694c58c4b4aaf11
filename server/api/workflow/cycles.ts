import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { deleteCycle, getCycle, insertCycle, listCycles, updateCycle } from '../../data/cycles'
import type { DocumentRow } from '../../data/documents'
import { ApiError, notFound } from '../../errors'
import { authorizeDocument } from '../access'
import { idParam, validate } from '../validate'
import { presentCycle } from './present'
import { cycleBody } from '../../../shared/schemas'
import type { CycleList, CycleView } from '../../../shared/api'
import type { Action } from '../../../shared/policy'

/**
 * `/api/documents/:id/cycles`: the dated cycles of an experimentation log, beside its live text.
 * Readers of the log see them; its writers add, change and remove them.
 */

async function experimentationLog(c: Context<AppEnv>, action: Action): Promise<DocumentRow> {
  const doc = await authorizeDocument(c, c.req.param('id')!, action)
  if (doc.kind !== 'experimentation_log') throw new ApiError('conflict', 'Only an experimentation log has cycles')
  return doc
}

async function cycleOf(c: Context<AppEnv>, log: DocumentRow): Promise<CycleView> {
  const cycle = await getCycle(c.var.deps.db, log.id, c.req.param('cycleId')!)
  if (!cycle) throw notFound('No such cycle')
  return presentCycle(cycle)
}

export const cycleRoutes = new Hono<AppEnv>()
  .get('/', idParam('id'), async (c) => {
    const log = await experimentationLog(c, 'read')
    const body: CycleList = { cycles: (await listCycles(c.var.deps.db, log.id)).map(presentCycle) }
    return c.json(body)
  })
  .post('/', idParam('id'), validate('json', cycleBody), async (c) => {
    const log = await experimentationLog(c, 'write')
    const id = await insertCycle(c.var.deps.db, log.id, requireIdentity(c).user.id, c.req.valid('json'))
    return c.json(presentCycle((await getCycle(c.var.deps.db, log.id, id))!), 201)
  })
  .put('/:cycleId', idParam('id', 'cycleId'), validate('json', cycleBody), async (c) => {
    const log = await experimentationLog(c, 'write')
    if (!(await updateCycle(c.var.deps.db, log.id, c.req.param('cycleId'), c.req.valid('json')))) throw notFound('No such cycle')
    return c.json(await cycleOf(c, log))
  })
  .delete('/:cycleId', idParam('id', 'cycleId'), async (c) => {
    const log = await experimentationLog(c, 'write')
    if (!(await deleteCycle(c.var.deps.db, log.id, c.req.param('cycleId')))) throw notFound('No such cycle')
    return c.body(null, 204)
  })
