import { randomBytes } from 'node:crypto'
import { openDb } from '../../server/db/open'
import { writeContent } from '../../server/data/live-documents'
import { search, type SearchScope } from '../../server/data/search'
import { createCity, createNetwork, upsertMembership } from '../../server/data/workspace'
import { summarize, type Summary } from './measure'

/**
 * The search figures of `npm run bench`: query time on a workspace of generated documents (one
 * network, twenty cities, their text written in bulk by SQL), with comment threads on them and
 * practices in the library, as the secretariat (who reads everything) and as a member city; and
 * what the index adds to each write of a document's derived copy and to each comment (the same
 * write with the indexing trigger on, then off).
 *   BENCH_SEARCH_DOCS=10000   how many documents (0: no search figures); a third as many threads
 *                             (two comments each), a fifth as many practices
 *   DATABASE_URL              PostgreSQL (a schema of its own, dropped after); otherwise PGlite in memory
 */

const WORDS = [
  'plan',
  'action',
  'mobilité',
  'espace',
  'public',
  'quartier',
  'participation',
  'citoyenne',
  'expérimentation',
  'transport',
  'jardin',
  'école',
  'marché',
  'sécurité',
  'éclairage',
  'budget',
  'atelier',
  'diagnostic',
  'rue',
  'place',
  'logement',
  'eau',
  'déchets',
  'énergie',
  'culture',
  'jeunesse',
  'santé',
  'commerce',
  'piéton',
  'vélo',
]
const QUERIES = [
  'expérimentation',
  'plans d’action',
  'mobilite douce',
  'jardin école',
  'éclairage public quartier',
  'diagnostic',
  'marche pieton',
  'zzz introuvable',
]

export type SearchBench = {
  documents: number
  threads: number
  practices: number
  secretariat: Summary | null
  member: Summary | null
  writeIndexed: Summary | null
  writePlain: Summary | null
  commentIndexed: Summary | null
  commentPlain: Summary | null
}

export async function benchSearch(documents = Number(process.env.BENCH_SEARCH_DOCS ?? 10_000)): Promise<SearchBench> {
  const url = process.env.DATABASE_URL
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const db = await openDb(url ? { url, schema } : {})
  try {
    const network = await createNetwork(db, { name: 'Réseau du banc d’essai' })
    const cities: string[] = []
    for (let i = 0; i < 20; i++) {
      const city = await createCity(db, { name: `Ville ${i}` })
      await upsertMembership(db, { networkId: network.id, cityId: city.id, kind: i === 0 ? 'pilot' : 'member' })
      cities.push(city.id)
    }
    // Half the documents in the network, half spread over the cities; 300 words of text each, from
    // a vocabulary of 5,000 terms and, now and then, one of the 30 real words the queries look for.
    await db.query(
      `insert into documents (network_id, city_id, kind, title, template, locale, updated_at)
       select case when i % 2 = 0 then $1::uuid end, case when i % 2 = 1 then ($2::uuid[])[1 + (i / 2) % 20] end,
         'thematic_sheet', 'Fiche ' || ($3::text[])[1 + i % 30] || ' ' || i, 'thematic_sheet', 'fr', now() - (i % 1000) * interval '1 day'
       from generate_series(1, $4::int) i`,
      [network.id, cities, WORDS, documents],
    )
    await db.query(
      `insert into doc_content (document_id, text, prosemirror)
       select d.id, (select string_agg(case when (n * 7 + d.rn * 13) % 50 = 0 then ($1::text[])[1 + (n + d.rn) % 30]
         else 'terme' || ((n * 31 + d.rn * 17) % 5000) end, ' ') from generate_series(1, 300) n), '{}'::jsonb
       from (select id, row_number() over () as rn from documents) d`,
      [WORDS],
    )
    // Threads on a third of the documents, each a quote and two comments of 20 words; practices
    // (300 words) published from a fifth of them. Written in bulk, their triggers index them.
    const threads = Math.floor(documents / 3)
    const practices = Math.floor(documents / 5)
    const words = (n: number, seed: string) => `(select string_agg(case when (k * 7 + ${seed} * 13) % 50 = 0 then ($1::text[])[1 + (k + ${seed}) % 30]
      else 'terme' || ((k * 31 + ${seed} * 17) % 5000) end, ' ') from generate_series(1, ${n}) k)`
    await db.query(
      `insert into comment_threads (document_id, anchor_start, anchor_end, quote, created_at)
       select d.id, 'a', 'b', ${words(8, 'd.rn')}, now() - (d.rn % 1000) * interval '1 day'
       from (select id, row_number() over () as rn from documents) d where d.rn % 3 = 0`,
      [WORDS],
    )
    await db.query(
      `insert into comments (thread_id, body, created_at)
       select t.id, ${words(20, '(t.rn * 2 + i)')}, t.created_at + i * interval '1 hour'
       from (select id, created_at, row_number() over () as rn from comment_threads) t, generate_series(1, 2) i`,
      [WORDS],
    )
    await db.query(
      `insert into practices (document_id, network_id, city_id, title, summary, themes, content, body, locale)
       select d.id, $2::uuid, d.city_id, 'Pratique ' || ($1::text[])[1 + d.rn % 30] || ' ' || d.rn, ${words(20, 'd.rn')}, array['Espaces publics'],
         '{}'::jsonb, ${words(300, '(d.rn + 1)')}, 'fr'
       from (select id, city_id, row_number() over () as rn from documents) d where d.rn % 5 = 0`,
      [WORDS, network.id],
    )
    for (const table of ['documents', 'doc_content', 'comment_threads', 'comments', 'practices']) await db.query(`analyze ${table}`)
    const timed = async (scope: SearchScope) => {
      const samples: number[] = []
      for (let round = 0; round < 5; round++) {
        for (const q of QUERIES) {
          const start = performance.now()
          await search(db, q, scope, {}, { limit: 20, offset: 0 })
          samples.push(performance.now() - start)
        }
      }
      return summarize(samples)
    }
    const secretariat = await timed({ networkIds: [network.id], cityIds: cities, workshopIds: [], practices: true })
    const member = await timed({ networkIds: [network.id], cityIds: [cities[1]!], workshopIds: [], practices: true })

    // One document of ~5,000 words rewritten as the collaboration layer does, with and without its indexing.
    const [doc] = await db.query<{ id: string }>('select id from documents limit 1')
    const text = Array.from({ length: 5000 }, (_, i) => WORDS[(i * 11) % 30]).join(' ')
    const json = new TextEncoder().encode('{"type":"doc","content":[]}')
    const writes = async () => {
      const samples: number[] = []
      for (let i = 0; i < 30; i++) {
        const start = performance.now()
        await writeContent(db, doc!.id, new TextEncoder().encode(`${text} ${i}`), json)
        samples.push(performance.now() - start)
      }
      return summarize(samples)
    }
    const writeIndexed = await writes()
    await db.query('alter table doc_content disable trigger doc_content_search')
    const writePlain = await writes()

    // A comment added to a thread of 30 comments, with and without refreshing the thread's index.
    const [thread] = await db.query<{ id: string }>('select id from comment_threads limit 1')
    await db.query(`insert into comments (thread_id, body) select $1, $2 from generate_series(1, 28)`, [thread!.id, text.slice(0, 200)])
    const comments = async () => {
      const samples: number[] = []
      for (let i = 0; i < 30; i++) {
        const start = performance.now()
        await db.query('insert into comments (thread_id, body) values ($1, $2)', [thread!.id, `${text.slice(0, 200)} ${i}`])
        samples.push(performance.now() - start)
      }
      return summarize(samples)
    }
    const commentIndexed = await comments()
    await db.query('alter table comments disable trigger comments_thread_search')
    const commentPlain = await comments()
    return { documents, threads, practices, secretariat, member, writeIndexed, writePlain, commentIndexed, commentPlain }
  } finally {
    if (url) await db.query(`drop schema ${schema} cascade`).catch(() => {})
    await db.close()
  }
}

export function printSearch(r: SearchBench): void {
  const fmt = (s: Summary | null) => (s ? `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)}` : '-')
  console.log(
    `\nSearch (${r.documents} documents of 300 words, ${r.threads} threads, ${r.practices} practices, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
  )
  console.log(`  query, secretariat (reads all)   p50 / p95 / p99 ms: ${fmt(r.secretariat)}`)
  console.log(`  query, member city               p50 / p95 / p99 ms: ${fmt(r.member)}`)
  console.log(`  derived-copy write, 5,000 words  p50 / p95 / p99 ms: ${fmt(r.writeIndexed)} indexed, ${fmt(r.writePlain)} without the index`)
  if (r.writeIndexed && r.writePlain) console.log(`  indexing cost per edit (p50): ${(r.writeIndexed.p50 - r.writePlain.p50).toFixed(1)} ms`)
  console.log(`  comment added, thread of 30     p50 / p95 / p99 ms: ${fmt(r.commentIndexed)} indexed, ${fmt(r.commentPlain)} without the index`)
  if (r.commentIndexed && r.commentPlain) console.log(`  indexing cost per comment (p50): ${(r.commentIndexed.p50 - r.commentPlain.p50).toFixed(1)} ms`)
}
