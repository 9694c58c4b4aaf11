import type { Action } from '../../../shared/policy'
import type { DocumentSummary, MeResponse, SpaceSummary } from '../../../shared/api'
import type { SpaceRole } from '../../../shared/domain'

export type SpaceGroup = {
  space: SpaceSummary
  /** My roles there, when the space is one of mine (a secretariat also reads its cities' spaces). */
  roles: SpaceRole[]
  allowed: Action[]
  documents: DocumentSummary[]
}

const spaceKey = (space: { type: string; id: string }) => `${space.type}:${space.id}`

function byUpdatedDesc(a: DocumentSummary, b: DocumentSummary): number {
  return b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title)
}

/**
 * The documents I can read, grouped by space: my networks first, then my cities (in the order
 * /api/me gives them, each shown even when empty so its "new document" button is reachable),
 * then any other space a document lives in. Archived documents are left out; the most
 * recently updated come first.
 */
export function groupDocumentsBySpace(me: Pick<MeResponse, 'networks' | 'cities'>, documents: readonly DocumentSummary[]): SpaceGroup[] {
  const groups = new Map<string, SpaceGroup>()
  for (const n of me.networks) {
    groups.set(spaceKey({ type: 'network', id: n.id }), {
      space: { type: 'network', id: n.id, name: n.name },
      roles: n.roles,
      allowed: n.allowed,
      documents: [],
    })
  }
  for (const c of me.cities) {
    groups.set(spaceKey({ type: 'city', id: c.id }), {
      space: { type: 'city', id: c.id, name: c.name },
      roles: c.roles,
      allowed: c.allowed,
      documents: [],
    })
  }
  const others: SpaceGroup[] = []
  for (const doc of documents) {
    if (doc.archived) continue
    const key = spaceKey(doc.space)
    let group = groups.get(key)
    if (!group) {
      // A space that is not one of mine: a document's `allowed` follows its space's rules.
      group = { space: doc.space, roles: [], allowed: doc.allowed, documents: [] }
      groups.set(key, group)
      others.push(group)
    }
    group.documents.push(doc)
  }
  for (const group of groups.values()) group.documents.sort(byUpdatedDesc)
  others.sort((a, b) => a.space.name.localeCompare(b.space.name))
  const mine = [...groups.values()].filter((g) => !others.includes(g))
  return [...mine, ...others]
}
