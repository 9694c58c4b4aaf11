import type { Queryable } from '../db/db'
import type { SpaceRef, Stage } from '../../shared/domain'
import type { SearchResultType } from '../../shared/api'
import type { DocumentKind } from '../../shared/templates'

/**
 * Full-text search over what a caller may read. Readability is part of the query — every
 * branch below filters on the caller's readable spaces and workshops before anything is ranked,
 * counted or cut — so nothing unreadable can reach a snippet, a count or the next page.
 */

export type SearchScope = {
  /** From the policy: readableSpaces(actor). */
  networkIds: readonly string[]
  cityIds: readonly string[]
  /** The workshops the caller takes part in: their documents are readable to them. */
  workshopIds: readonly string[]
  /** Whether the caller browses the good-practices library (shared/policy.ts canBrowsePractices). */
  practices: boolean
}

export type SearchFilters = { space?: SpaceRef; kind?: DocumentKind; stage?: Stage; types?: readonly SearchResultType[] }

export type SearchRow = {
  type: SearchResultType
  id: string
  title: string
  snippet: string
  spaceType: 'network' | 'city' | null
  spaceId: string | null
  spaceName: string | null
  /** What the result opens in its page: the document of a document, thread or version; the city of an onboarding or City WORKS result. */
  targetId: string | null
}

/** Snippets are cut from the part of the text that is indexed (migration 014). */
const HEADLINE_CHARS = 100_000

// Parameters shared by every branch: $1 words, $2 networks, $3 cities, $4 workshops,
// $5/$6 the space filter, $7 kind, $8 stage, $9 rows, $10 offset, $11 the practices library, $12 the types asked for.
const READABLE_DOCUMENT = (d: string) => `(${d}.network_id = any($2::uuid[]) or ${d}.city_id = any($3::uuid[])
  or exists (select 1 from workshop_documents wd where wd.document_id = ${d}.id and wd.workshop_id = any($4::uuid[])))
  and ($5::text is null or ($5 = 'network' and ${d}.network_id = $6::uuid) or ($5 = 'city' and ${d}.city_id = $6::uuid))
  and ($7::text is null or ${d}.kind = $7) and ($8::text is null or ${d}.stage = $8)`
/** Results that are not documents' answer only a search without document filters (a network's workshops, with a network). */
const NO_DOCUMENT_FILTER = `$7::text is null and $8::text is null`
const NO_FILTER = `$5::text is null and ${NO_DOCUMENT_FILTER}`
/** The query in the document's own language. */
const DOC_QUERY = (d: string) => `(case ${d}.locale when 'en' then q.en when 'es' then q.es else q.fr end)`
const SPACE = (d: string) => `case when ${d}.network_id is not null then 'network' else 'city' end, coalesce(${d}.network_id, ${d}.city_id),
  coalesce((select name from networks where id = ${d}.network_id), (select name from cities where id = ${d}.city_id))`
/** Newer ranks higher: a year-old match weighs about half a fresh one. */
const RECENCY = (at: string) => `(1 / (1 + extract(epoch from now() - ${at}) / (365 * 86400.0)))`
/** Names are typo-tolerant: the share of trigrams of the words typed found in the name. */
const NAME_SIMILARITY = 0.45
const NAME_MATCH = (name: string) => `public.word_similarity(q.folded, search_fold(${name}))`

/**
 * The words in any language, as an expression of the parameter rather than q.any: the planner
 * reads it as a constant, so it scans a GIN index with it (with q.any it scans the table).
 */
const ANY_WORDS = `(websearch_to_tsquery('atelier_fr', $1) || websearch_to_tsquery('atelier_en', $1) || websearch_to_tsquery('atelier_es', $1))`
/** A branch whose type is not asked for is skipped whole (a one-time filter), not filtered after the union. */
const ASKED = (type: SearchResultType) => `($12::text[] is null or '${type}' = any($12::text[]))`
/** Notes (onboarding, City WORKS) carry no language: matched in French, as workshops. */
const NOTES_MATCH = (notes: string) => `to_tsvector('atelier_fr', ${notes}) @@ q.fr`

/**
 * Each branch gives: type, id, title, the text a snippet is cut from (and its language), the
 * space, what it opens in its page, and a score. A title (or name) match scores 1 and more, so
 * it always ranks above a match in the body. Ids are text: an onboarding result is a city's in
 * one network.
 */
const BRANCHES = [
  // Documents: title and live text (doc_content.search, kept by a trigger with each write of the derived copy).
  `select 'document' as type, d.id::text as id, d.title, left(c.text, ${HEADLINE_CHARS}) as source, search_config(d.locale) as config,
    ${SPACE('d')}, d.id as target_id,
    (case when d.search_title @@ ${DOC_QUERY('d')} then 1 else 0 end)
      + ts_rank(setweight(d.search_title, 'A') || setweight(coalesce(c.search, ''::tsvector), 'B'), ${DOC_QUERY('d')}, 32)
      * ${RECENCY('greatest(d.updated_at, coalesce(c.updated_at, d.updated_at))')} as score
   from q, documents d left join doc_content c on c.document_id = d.id
   where ${ASKED('document')}
     and d.id in (select id from documents, q where search_title @@ q.any union select document_id from doc_content, q where search @@ q.any)
     and (d.search_title @@ ${DOC_QUERY('d')} or c.search @@ ${DOC_QUERY('d')}) and ${READABLE_DOCUMENT('d')}`,
  // Comment threads: the quoted text and the comments (comment_threads.search, kept by triggers), in the document's language.
  `select 'thread', t.id::text, d.title,
    t.quote || ' — ' || coalesce((select string_agg(cm.body, ' — ' order by cm.created_at) from comments cm where cm.thread_id = t.id and cm.deleted_at is null), ''),
    search_config(d.locale), ${SPACE('d')}, d.id,
    ts_rank(t.search, ${DOC_QUERY('d')}, 32) * ${RECENCY('t.created_at')}
   from q, comment_threads t join documents d on d.id = t.document_id
   where ${ASKED('thread')} and t.search @@ ${ANY_WORDS} and t.deleted_at is null and t.search @@ ${DOC_QUERY('d')} and ${READABLE_DOCUMENT('d')}`,
  // Named versions ("V1 — avant expérimentation"): a name, so it ranks like a title.
  `select 'version', v.id::text, d.title, v.name, search_config(d.locale), ${SPACE('d')}, d.id,
    1 + ts_rank(to_tsvector(search_config(d.locale), v.name), ${DOC_QUERY('d')}, 32) * ${RECENCY('v.created_at')}
   from q, doc_versions v join documents d on d.id = v.document_id
   where ${ASKED('version')} and v.kind = 'named' and ${READABLE_DOCUMENT('d')} and to_tsvector(search_config(d.locale), v.name) @@ ${DOC_QUERY('d')}`,
  // Workshops: title and place; seen by the network's readers and by those taking part.
  `select 'workshop', w.id::text, w.title, w.title || ' — ' || w.place, 'atelier_fr'::regconfig, 'network', w.network_id, n.name, null::uuid,
    (case when to_tsvector('atelier_fr', w.title) @@ q.fr then 1 else 0 end) + ts_rank(to_tsvector('atelier_fr', w.title || ' ' || w.place), q.fr, 32)
   from q, workshops w join networks n on n.id = w.network_id
   where ${ASKED('workshop')} and (w.network_id = any($2::uuid[]) or w.id = any($4::uuid[])) and ${NO_DOCUMENT_FILTER}
     and ($5::text is null or ($5 = 'network' and w.network_id = $6::uuid))
     and to_tsvector('atelier_fr', w.title || ' ' || w.place) @@ q.fr`,
  // Practices of the library (published ones), for those who browse it: practices.search (title A;
  // summary, themes and copy B), kept by a trigger, in their source's language.
  `select 'practice', p.id::text, p.title, p.summary || ' — ' || left(p.body, ${HEADLINE_CHARS}), search_config(p.locale),
    'network', p.network_id, n.name, null::uuid,
    (case when ts_filter(p.search, '{a}') @@ ${DOC_QUERY('p')} then 1 else 0 end)
      + ts_rank(p.search, ${DOC_QUERY('p')}, 32) * ${RECENCY('coalesce(p.republished_at, p.published_at)')}
   from q, practices p join networks n on n.id = p.network_id
   where ${ASKED('practice')} and $11 and ${NO_FILTER} and p.search @@ ${ANY_WORDS} and p.unpublished_at is null and p.search @@ ${DOC_QUERY('p')}`,
  // Onboarding notes, one result per city of a network: read by the network's readers, for its
  // active cities (what GET /api/networks/:id/onboarding shows). A few per city: not indexed.
  `select 'onboarding', o.network_id || ':' || o.city_id, ci.name, o.notes, 'atelier_fr'::regconfig, 'network', o.network_id, n.name, o.city_id,
    ts_rank(to_tsvector('atelier_fr', o.notes), q.fr, 32) * ${RECENCY('o.updated_at')}
   from q, (select oi.network_id, oi.city_id, string_agg(oi.note, ' — ' order by oi.key) as notes, max(oi.updated_at) as updated_at
       from onboarding_items oi
       where oi.note <> '' and oi.network_id = any($2::uuid[])
         and exists (select 1 from memberships m where m.network_id = oi.network_id and m.city_id = oi.city_id and m.left_at is null)
       group by oi.network_id, oi.city_id) o
     join cities ci on ci.id = o.city_id join networks n on n.id = o.network_id
   where ${ASKED('onboarding')} and ${NO_DOCUMENT_FILTER} and ($5::text is null or ($5 = 'network' and o.network_id = $6::uuid))
     and ${NOTES_MATCH('o.notes')}`,
  // City WORKS notes (steps and support activities), one result per city: read by the city's readers
  // (what GET /api/cities/:id/localisation shows). Thirteen at most per city: not indexed.
  `select 'localisation', l.city_id::text, ci.name, l.notes, 'atelier_fr'::regconfig, 'city', l.city_id, ci.name, l.city_id,
    ts_rank(to_tsvector('atelier_fr', l.notes), q.fr, 32) * ${RECENCY('l.updated_at')}
   from q, (select ln.city_id, string_agg(ln.note, ' — ' order by ln.key) as notes, max(ln.updated_at) as updated_at
       from (select city_id, key, note, updated_at from localisation_steps union all select city_id, key, note, updated_at from localisation_support) ln
       where ln.note <> '' and ln.city_id = any($3::uuid[])
       group by ln.city_id) l
     join cities ci on ci.id = l.city_id
   where ${ASKED('localisation')} and ${NO_DOCUMENT_FILTER} and ($5::text is null or ($5 = 'city' and l.city_id = $6::uuid))
     and ${NOTES_MATCH('l.notes')}`,
  // People who hold a role where the caller reads (a network, one of its cities, a city), or take part in their workshops.
  `select 'person', u.id::text, u.name, null, null, g.space_type, g.space_id, g.space_name, null::uuid, 1 + ${NAME_MATCH('u.name')}
   from q, users u join lateral (
     select case when rg.network_id is not null then 'network' else 'city' end as space_type, coalesce(rg.network_id, rg.city_id) as space_id,
       coalesce(n.name, c.name) as space_name
     from role_grants rg left join networks n on n.id = rg.network_id left join cities c on c.id = rg.city_id
     where rg.user_id = u.id and (rg.network_id = any($2::uuid[]) or rg.city_id = any($3::uuid[])
       or rg.city_id in (select m.city_id from memberships m where m.network_id = any($2::uuid[]) and m.left_at is null))
     order by rg.created_at limit 1) g on true
   where ${ASKED('person')} and ${NO_FILTER} and ${NAME_MATCH('u.name')} >= ${NAME_SIMILARITY}`,
  // Cities: those the caller reads, and the cities of its networks (whose names their pages show).
  `select 'city', ci.id::text, ci.name, ci.country, null, 'city', ci.id, ci.name, null::uuid, 1 + ${NAME_MATCH('ci.name')}
   from q, cities ci
   where ${ASKED('city')} and ${NO_FILTER} and ${NAME_MATCH('ci.name')} >= ${NAME_SIMILARITY}
     and (ci.id = any($3::uuid[]) or ci.id in (select m.city_id from memberships m where m.network_id = any($2::uuid[]) and m.left_at is null))`,
  `select 'network', ne.id::text, ne.name, ne.theme, null, 'network', ne.id, ne.name, null::uuid, 1 + ${NAME_MATCH('ne.name')}
   from q, networks ne
   where ${ASKED('network')} and ${NO_FILTER} and ne.id = any($2::uuid[]) and ${NAME_MATCH('ne.name')} >= ${NAME_SIMILARITY}`,
]

// The snippet markers are taken out of the text first, so only ts_headline's own mark a match.
const MARKS = `chr(2) || chr(3)`
const HEADLINE_OPTIONS = `'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=18, MinWords=6, FragmentDelimiter=" … "'`

// q.any, the words in any language, finds the candidates through the indexes; each is then
// matched in its own language.
const SEARCH = `with q as (
    select fr, en, es, fr || en || es as any, folded from (select websearch_to_tsquery('atelier_fr', $1) as fr,
      websearch_to_tsquery('atelier_en', $1) as en, websearch_to_tsquery('atelier_es', $1) as es, search_fold($1) as folded) w
  ),
  hits as (
    select * from (${BRANCHES.join('\nunion all\n')})
      as r (type, id, title, source, config, space_type, space_id, space_name, target_id, score)
    order by score desc, type, id limit $9 offset $10
  )
  select h.type, h.id, h.title, h.space_type as "spaceType", h.space_id as "spaceId", h.space_name as "spaceName", h.target_id as "targetId",
    case when h.config is null then coalesce(translate(h.source, ${MARKS}, ''), '')
      else ts_headline(h.config, translate(coalesce(h.source, ''), ${MARKS}, ''),
        case h.config when 'atelier_en'::regconfig then q.en when 'atelier_es'::regconfig then q.es else q.fr end, ${HEADLINE_OPTIONS})
    end as snippet
  from hits h, q order by h.score desc, h.type, h.id`

/** One page of results, best first, and whether another follows (one row more is asked for). */
export async function search(
  q: Queryable,
  words: string,
  scope: SearchScope,
  filters: SearchFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: SearchRow[]; more: boolean }> {
  const rows = await q.query<SearchRow>(SEARCH, [
    words,
    scope.networkIds,
    scope.cityIds,
    scope.workshopIds,
    filters.space?.type ?? null,
    filters.space?.id ?? null,
    filters.kind ?? null,
    filters.stage ?? null,
    page.limit + 1,
    page.offset,
    scope.practices,
    filters.types ?? null,
  ])
  return { rows: rows.slice(0, page.limit), more: rows.length > page.limit }
}
