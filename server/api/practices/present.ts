import type { Queryable } from '../../db/db'
import { getDocument, policyTarget } from '../../data/documents'
import { listPracticeComments, practiceContent, type PracticeCommentRow, type PracticeRow } from '../../data/practices'
import { can, canBrowsePractices, canEditPractice, canModeratePractice } from '../../../shared/policy'
import type { Actor } from '../../../shared/domain'
import type { PracticeComment, PracticeFacets, PracticeSummary, PracticeView } from '../../../shared/api'
import { AXES } from '../../../shared/practices'

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

export const presentPractice = (p: PracticeRow): PracticeSummary => ({
  id: p.id,
  title: p.title,
  summary: p.summary,
  themes: p.themes,
  axis: p.axis,
  network: { id: p.networkId, name: p.networkName, theme: p.networkTheme },
  city: p.cityId ? { id: p.cityId, name: p.cityName!, country: p.country ?? '' } : null,
  section: p.section,
  publisher: p.publishedBy ? { id: p.publishedBy, name: p.publisherName! } : null,
  publishedAt: iso(p.publishedAt)!,
  republishedAt: iso(p.republishedAt),
  featured: p.featuredAt !== null,
  unpublished: p.unpublishedAt !== null,
})

export const presentPracticeComment = (c: PracticeCommentRow): PracticeComment => ({
  id: c.id,
  author: c.authorId ? { id: c.authorId, name: c.authorName! } : null,
  body: c.body,
  createdAt: iso(c.createdAt)!,
})

/** The practice with its copy, its thread, and its source only for those who may read the source. */
export async function presentPracticeView(q: Queryable, actor: Actor, p: PracticeRow): Promise<PracticeView> {
  const [content, comments, source] = await Promise.all([
    practiceContent(q, p.id),
    listPracticeComments(q, p.id),
    p.documentId ? getDocument(q, p.documentId) : null,
  ])
  const target = { networkId: p.networkId, publishedBy: p.publishedBy }
  const edit = canEditPractice(actor, target)
  return {
    ...presentPractice(p),
    content: content!,
    source: source && can(actor, 'read', policyTarget(source)) ? { id: source.id, title: source.title } : null,
    comments: comments.map(presentPracticeComment),
    allowed: {
      edit,
      republish: edit && source !== null && can(actor, 'write', policyTarget(source)),
      moderate: canModeratePractice(actor, target),
      comment: canBrowsePractices(actor),
    },
  }
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'fr'))
const byName = (refs: Map<string, string>) => [...refs].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'))

/** Every value the library's published practices have, for its filters. */
export function facetsOf(practices: readonly PracticeRow[]): PracticeFacets {
  return {
    themes: sorted(practices.flatMap((p) => p.themes)),
    axes: AXES.filter((a) => practices.some((p) => p.axis === a)),
    cities: byName(new Map(practices.filter((p) => p.cityId).map((p) => [p.cityId!, p.cityName!]))),
    networks: byName(new Map(practices.map((p) => [p.networkId, p.networkName]))),
    regions: sorted(practices.map((p) => p.country ?? '').filter((c) => c !== '')),
  }
}
