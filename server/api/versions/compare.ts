import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { getVersion, versionState, type VersionRow } from '../../data/versions'
import { attributeAuthors } from '../../versions/authors'
import { authorizeDocument } from '../access'
import { notFound } from '../../errors'
import { idParam, validate } from '../validate'
import { compareQuery } from '../../../shared/schemas'
import type { Comparison } from '../../../shared/api'

const ref = (v: VersionRow) => ({ id: v.id, name: v.name, createdAt: new Date(v.createdAt).toISOString() })

/**
 * `GET /api/documents/:id/compare?from=<versionId>&to=<versionId|live>`: what changed, word by
 * word in the document's own blocks, and who wrote each addition.
 */
export const compareRoutes = new Hono<AppEnv>().get('/', idParam('id'), validate('query', compareQuery), async (c) => {
  const doc = await authorizeDocument(c, c.req.param('id')!, 'read')
  const { from, to } = c.req.valid('query')
  const { db, documentReader, documents } = c.var.deps
  const version = async (id: string) => {
    const row = await getVersion(db, doc.id, id)
    if (!row) throw notFound(`No such version: ${id}`)
    return { row, state: (await versionState(db, id))! }
  }
  const older = await version(from)
  const newer = to === 'live' ? null : await version(to)
  // Word by word over whole documents: on the document thread.
  const raw = newer
    ? await documents.task({ kind: 'compare', older: older.state, newer: newer.state })
    : await documentReader.read(doc.id, { kind: 'compareFrom', older: older.state })
  const { blocks, authors } = await attributeAuthors(db, doc.id, doc.space, raw)
  const counted = (op: 'added' | 'removed') =>
    blocks
      .flatMap((b) => b.segments)
      .filter((s) => s.op === op)
      .reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0)
  const body: Comparison = {
    from: ref(older.row),
    to: newer ? ref(newer.row) : { id: 'live', name: null, createdAt: new Date().toISOString() },
    blocks,
    authors,
    counts: { added: counted('added'), removed: counted('removed') },
  }
  return c.json(body)
})
