import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { search, type SearchRow } from '../../data/search'
import { validate } from '../validate'
import { canBrowsePractices, readableSpaces } from '../../../shared/policy'
import { searchQuery } from '../../../shared/schemas'
import type { SearchResponse, SearchResult } from '../../../shared/api'

export const searchRoutes = new Hono<AppEnv>().get('/', validate('query', searchQuery), async (c) => {
  const { actor } = requireIdentity(c)
  const { q, space, kind, stage, type, limit, cursor } = c.req.valid('query')
  const offset = cursor === undefined ? 0 : Number(cursor)
  // The policy says which spaces the caller reads; the query never looks beyond them.
  const scope = { ...readableSpaces(actor), workshopIds: actor.workshops, practices: canBrowsePractices(actor) }
  const { rows, more } = await search(c.var.deps.db, q, scope, { space, kind, stage, types: type }, { limit, offset })
  const body: SearchResponse = { results: rows.map((r) => present(r, q)), next: more ? String(offset + limit) : null }
  return c.json(body)
})

function present(r: SearchRow, q: string): SearchResult {
  const space = r.spaceType && r.spaceId ? { type: r.spaceType, id: r.spaceId, name: r.spaceName ?? '' } : null
  return { type: r.type, id: r.id, title: r.title, snippet: r.snippet, space, url: urlOf(r, q) }
}

/** A document opens at the match (the editor looks for `q`); the rest open their own page, notes at their city's part of it. */
function urlOf(r: SearchRow, q: string): string {
  const words = encodeURIComponent(q)
  switch (r.type) {
    case 'document':
    case 'thread':
      return `/documents/${r.targetId}?q=${words}`
    case 'version':
      return `/documents/${r.targetId}/history`
    case 'workshop':
      return `/workshops/${r.id}`
    case 'practice':
      return `/practices/${r.id}`
    case 'onboarding':
      return `/networks/${r.spaceId}#city-${r.targetId}`
    case 'localisation':
      return `/cities/${r.targetId}#cityworks-title`
    case 'city':
      return `/cities/${r.id}`
    case 'network':
      return `/networks/${r.id}`
    case 'person':
      return r.spaceType === 'city' ? `/cities/${r.spaceId}` : `/networks/${r.spaceId}`
  }
}
