import type { Queryable } from '../db/db'
import { clientOwners } from '../data/versions'
import { describePeople } from '../data/people'
import type { RawBlock } from './compare'
import type { SpaceRef } from '../../shared/domain'
import type { ComparedBlock, PersonCard } from '../../shared/api'

/**
 * Turns the Yjs clients of added words into people (the update log recorded which user wrote
 * with which client), with the city they speak for in the document's space.
 */
export async function attributeAuthors(
  q: Queryable,
  documentId: string,
  space: SpaceRef,
  blocks: RawBlock[],
): Promise<{ blocks: ComparedBlock[]; authors: PersonCard[] }> {
  const clients = new Set<number>()
  for (const b of blocks) for (const s of b.segments) if (s.client !== undefined) clients.add(s.client)
  const owners = await clientOwners(q, documentId, [...clients])
  const people = await describePeople(q, [...owners.values()], space)
  const authorOf = (client: number | undefined) => {
    const userId = client === undefined ? undefined : owners.get(client)
    return userId === undefined ? null : (people.get(userId) ?? null)
  }
  const authors = new Map<string, PersonCard>()
  const out = blocks.map(
    (b): ComparedBlock => ({
      ...b,
      segments: b.segments.map(({ client, ...s }) => {
        if (s.op !== 'added') return s
        const author = authorOf(client)
        if (author) authors.set(author.id, author)
        return { ...s, author }
      }),
    }),
  )
  return { blocks: out, authors: [...authors.values()].sort((a, b) => a.name.localeCompare(b.name)) }
}
