import type { Queryable } from '../db/db'
import type { PmNode } from '../../shared/content'
import type { Axis } from '../../shared/practices'
import type { TemplateLocale } from '../../shared/templates'

/** Practices of the observatory and their comments. */

export type PracticeRow = {
  id: string
  documentId: string | null
  section: string | null
  networkId: string
  networkName: string
  networkTheme: string
  cityId: string | null
  cityName: string | null
  country: string | null
  title: string
  summary: string
  themes: string[]
  axis: Axis | null
  publishedBy: string | null
  publisherName: string | null
  publishedAt: Date
  republishedAt: Date | null
  featuredAt: Date | null
  unpublishedAt: Date | null
}

export type PracticeFields = { title: string; summary: string; themes: string[]; axis: Axis | null }

/** The copy, and its source's language, which search matches it in. */
export type PracticeCopy = { section: string | null; content: PmNode; body: string; locale: TemplateLocale }

const SELECT = `select p.id, p.document_id as "documentId", p.section, p.network_id as "networkId", n.name as "networkName",
  n.theme as "networkTheme", p.city_id as "cityId", c.name as "cityName", c.country, p.title, p.summary, p.themes, p.axis,
  p.published_by as "publishedBy", u.name as "publisherName", p.published_at as "publishedAt", p.republished_at as "republishedAt",
  p.featured_at as "featuredAt", p.unpublished_at as "unpublishedAt"
  from practices p join networks n on n.id = p.network_id left join cities c on c.id = p.city_id left join users u on u.id = p.published_by`

export async function insertPractice(
  q: Queryable,
  p: PracticeFields & PracticeCopy & { documentId: string; networkId: string; cityId: string | null; publishedBy: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into practices (document_id, section, network_id, city_id, title, summary, themes, axis, content, body, locale, published_by)
     values ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9::text::jsonb, $10, $11, $12) returning id`,
    [p.documentId, p.section, p.networkId, p.cityId, p.title, p.summary, p.themes, p.axis, JSON.stringify(p.content), p.body, p.locale, p.publishedBy],
  )
  return row!.id
}

export async function getPractice(q: Queryable, id: string): Promise<PracticeRow | null> {
  return (await q.query<PracticeRow>(`${SELECT} where p.id = $1`, [id]))[0] ?? null
}

export async function practiceContent(q: Queryable, id: string): Promise<PmNode | null> {
  const [row] = await q.query<{ content: PmNode | string }>('select content from practices where id = $1', [id])
  if (!row) return null
  return typeof row.content === 'string' ? JSON.parse(row.content) : row.content
}

export type PracticeFilters = { q?: string; theme?: string; axis?: Axis; cityId?: string; networkId?: string; region?: string }

/** The published practices matching every filter given: featured first, then the latest published. */
export async function listPractices(q: Queryable, f: PracticeFilters): Promise<PracticeRow[]> {
  const params: unknown[] = []
  const where = ['p.unpublished_at is null']
  const add = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  if (f.q) {
    // The words in any of the three languages find candidates through the index; each practice is then matched in its own.
    const w = add(f.q)
    const [fr, en, es] = ['fr', 'en', 'es'].map((l) => `websearch_to_tsquery('atelier_${l}', ${w})`)
    where.push(`p.search @@ (${fr} || ${en} || ${es}) and p.search @@ (case p.locale when 'en' then ${en} when 'es' then ${es} else ${fr} end)`)
  }
  if (f.theme) where.push(`exists (select 1 from unnest(p.themes) t where lower(t) = lower(${add(f.theme)}))`)
  if (f.axis) where.push(`p.axis = ${add(f.axis)}`)
  if (f.cityId) where.push(`p.city_id = ${add(f.cityId)}::uuid`)
  if (f.networkId) where.push(`p.network_id = ${add(f.networkId)}::uuid`)
  if (f.region) where.push(`lower(c.country) = lower(${add(f.region)})`)
  return q.query<PracticeRow>(
    `${SELECT} where ${where.join(' and ')} order by p.featured_at is null, coalesce(p.republished_at, p.published_at) desc, p.id`,
    params,
  )
}

export async function updatePractice(q: Queryable, id: string, f: PracticeFields): Promise<void> {
  await q.query('update practices set title = $2, summary = $3, themes = $4::text[], axis = $5 where id = $1', [id, f.title, f.summary, f.themes, f.axis])
}

/** A new copy of the source, as it is now. */
export async function replaceCopy(q: Queryable, id: string, copy: PracticeCopy): Promise<void> {
  await q.query('update practices set section = $2, content = $3::text::jsonb, body = $4, locale = $5, republished_at = now() where id = $1', [
    id,
    copy.section,
    JSON.stringify(copy.content),
    copy.body,
    copy.locale,
  ])
}

export async function setPracticeStatus(q: Queryable, id: string, s: { featured?: boolean; published?: boolean }): Promise<void> {
  if (s.featured !== undefined) {
    await q.query('update practices set featured_at = case when $2 then coalesce(featured_at, now()) end where id = $1', [id, s.featured])
  }
  if (s.published !== undefined) {
    await q.query('update practices set unpublished_at = case when $2 then null else coalesce(unpublished_at, now()) end where id = $1', [id, s.published])
  }
}

export async function deletePractice(q: Queryable, id: string): Promise<void> {
  await q.query('delete from practices where id = $1', [id])
}

export type PracticeCommentRow = { id: string; authorId: string | null; authorName: string | null; body: string; createdAt: Date }

/** Oldest first. */
export async function listPracticeComments(q: Queryable, practiceId: string): Promise<PracticeCommentRow[]> {
  return q.query<PracticeCommentRow>(
    `select pc.id, pc.author_id as "authorId", u.name as "authorName", pc.body, pc.created_at as "createdAt"
     from practice_comments pc left join users u on u.id = pc.author_id where pc.practice_id = $1 order by pc.created_at, pc.id`,
    [practiceId],
  )
}

export async function insertPracticeComment(q: Queryable, practiceId: string, authorId: string, body: string): Promise<PracticeCommentRow> {
  const [row] = await q.query<PracticeCommentRow>(
    `with added as (insert into practice_comments (practice_id, author_id, body) values ($1, $2, $3) returning id, author_id, body, created_at)
     select added.id, added.author_id as "authorId", u.name as "authorName", added.body, added.created_at as "createdAt"
     from added left join users u on u.id = added.author_id`,
    [practiceId, authorId, body],
  )
  return row!
}
