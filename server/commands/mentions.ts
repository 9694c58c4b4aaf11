import type { Queryable } from '../db/db'
import { readersAmong } from '../data/readers'
import { ApiError } from '../errors'
import type { DocumentTarget } from '../../shared/policy'

/** Mentions name people who can read the document, or the comment is refused (422) before anything is stored. */
export async function checkMentions(q: Queryable, document: DocumentTarget, mentions: string[]): Promise<void> {
  if (mentions.length === 0) return
  const readers = await readersAmong(q, document, mentions)
  const refused = mentions.filter((id) => !readers.has(id))
  if (refused.length > 0) {
    throw new ApiError('invalid_mention', `These people cannot read this document, so they cannot be mentioned: ${refused.join(', ')}`, {
      fields: refused.map((id) => ({ path: `mentions.${mentions.indexOf(id)}`, message: 'cannot read this document' })),
    })
  }
}
