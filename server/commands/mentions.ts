import type { Queryable } from '../db/db'
import { loadActor } from '../data/grants'
import { metThrough, readersAmong } from '../data/readers'
import { ApiError } from '../errors'
import type { DocumentTarget } from '../../shared/policy'

/**
 * Mentions name people who can read the document and whom the author meets there (a workshop
 * guest: its people), or the comment is refused (422) before anything is stored.
 */
export async function checkMentions(q: Queryable, authorId: string, document: DocumentTarget, mentions: string[]): Promise<void> {
  if (mentions.length === 0) return
  const readers = new Set(await metThrough(q, await loadActor(q, authorId), document, [...(await readersAmong(q, document, mentions))]))
  const refused = mentions.filter((id) => !readers.has(id))
  if (refused.length > 0) {
    throw new ApiError('invalid_mention', `These people cannot read this document, so they cannot be mentioned: ${refused.join(', ')}`, {
      fields: refused.map((id) => ({ path: `mentions.${mentions.indexOf(id)}`, message: 'cannot read this document' })),
    })
  }
}
