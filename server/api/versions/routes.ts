import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import type { DocumentRow } from '../../data/documents'
import { deleteVersion, getVersion, listVersions, lockVersion, renameVersion, versionContent, versionPolicyState, type VersionRow } from '../../data/versions'
import { restoreVersion, saveVersion } from '../../commands/versions'
import { authorizeDocument } from '../access'
import { ApiError, notFound } from '../../errors'
import { idParam, validate } from '../validate'
import { presentVersions } from './present'
import { versionChangeRefusal } from '../../../shared/policy'
import { renameVersionBody, saveVersionBody } from '../../../shared/schemas'
import type { VersionDetail, VersionList, VersionSummary } from '../../../shared/api'

/**
 * `/api/documents/:id/versions`: the document's saved states. Readers list and view them,
 * writers save, rename, delete (named, unlocked ones) and restore, the secretariat locks.
 */

const documentId = (c: Context<AppEnv>) => c.req.param('id')!

async function existingVersion(c: Context<AppEnv>, doc: DocumentRow): Promise<VersionRow> {
  const version = await getVersion(c.var.deps.db, doc.id, c.req.param('versionId')!)
  if (!version) throw notFound('No such version')
  return version
}

/** Throws when the version's own state refuses the change (see versionChangeRefusal). */
function checkChangeable(version: VersionRow, what: 'renamed' | 'deleted'): void {
  const why = versionChangeRefusal(versionPolicyState(version))
  if (why === 'locked') throw new ApiError('version_locked', `This version is locked as submitted: it cannot be ${what}`)
  if (why === 'submitted') throw new ApiError('version_locked', `This version was submitted to the secretariat and is kept as sent: it cannot be ${what}`)
  if (why === 'kept_by_history') throw new ApiError('conflict', `Only named versions can be ${what}; automatic and restore versions are kept by the history`)
}

function changedMeanwhile(version: VersionRow, what: 'renamed' | 'deleted'): never {
  checkChangeable(version, what)
  throw new ApiError('conflict', `The version changed while it was being ${what}; try again`)
}

async function presentOne(c: Context<AppEnv>, doc: DocumentRow, id: string): Promise<VersionSummary> {
  const version = await getVersion(c.var.deps.db, doc.id, id)
  if (!version) throw notFound('No such version')
  return (await presentVersions(c.var.deps.db, requireIdentity(c).actor, doc, [version]))[0]!
}

export const versionRoutes = new Hono<AppEnv>()
  .get('/', idParam('id'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const { db } = c.var.deps
    const body: VersionList = { versions: await presentVersions(db, requireIdentity(c).actor, doc, await listVersions(db, doc.id)) }
    return c.json(body)
  })
  .post('/', idParam('id'), validate('json', saveVersionBody), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'write')
    const id = await saveVersion(c.var.deps, user.id, doc, c.req.valid('json').name)
    return c.json(await presentOne(c, doc, id), 201)
  })
  .get('/:versionId', idParam('id', 'versionId'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'read')
    const version = await existingVersion(c, doc)
    const content = (await versionContent(c.var.deps.db, version.id))!
    const body: VersionDetail = { ...(await presentOne(c, doc, version.id)), ...content }
    return c.json(body)
  })
  .patch('/:versionId', idParam('id', 'versionId'), validate('json', renameVersionBody), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'write')
    const version = await existingVersion(c, doc)
    checkChangeable(version, 'renamed')
    // Locked meanwhile: the update's own condition says so, and the version as it is now says why.
    if (!(await renameVersion(c.var.deps.db, doc.id, version.id, c.req.valid('json').name))) changedMeanwhile(await existingVersion(c, doc), 'renamed')
    return c.json(await presentOne(c, doc, version.id))
  })
  .delete('/:versionId', idParam('id', 'versionId'), async (c) => {
    const doc = await authorizeDocument(c, documentId(c), 'write')
    const version = await existingVersion(c, doc)
    checkChangeable(version, 'deleted')
    if (!(await deleteVersion(c.var.deps.db, doc.id, version.id))) changedMeanwhile(await existingVersion(c, doc), 'deleted')
    return c.body(null, 204)
  })
  .post('/:versionId/lock', idParam('id', 'versionId'), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'lock_version')
    const version = await existingVersion(c, doc)
    await lockVersion(c.var.deps.db, doc.id, version.id, user.id)
    return c.json(await presentOne(c, doc, version.id))
  })
  .post('/:versionId/restore', idParam('id', 'versionId'), async (c) => {
    const { user } = requireIdentity(c)
    const doc = await authorizeDocument(c, documentId(c), 'write')
    const id = await restoreVersion(c.var.deps, user.id, doc, await existingVersion(c, doc))
    return c.json(await presentOne(c, doc, id), 201)
  })
