import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, testApp } from '../helpers/app'
import { buildNetwork, buildPerson, signIn } from '../helpers/world'

/**
 * Every API route, fed malformed input, answers 4xx with a message a person can read and
 * never 500. The list is checked against the app's own route table, so a new route cannot
 * be forgotten here.
 */
const ID = '00000000-0000-4000-8000-000000000000'
const ROUTES: { method: string; path: string; body: boolean }[] = [
  { method: 'GET', path: '/api/health', body: false },
  { method: 'GET', path: '/api/setup', body: false },
  { method: 'POST', path: '/api/setup', body: true },
  { method: 'POST', path: '/api/auth/login', body: true },
  { method: 'POST', path: '/api/auth/logout', body: false },
  { method: 'GET', path: '/api/me', body: false },
  { method: 'PATCH', path: '/api/me', body: true },
  { method: 'GET', path: '/api/me/mail', body: false },
  { method: 'PUT', path: '/api/me/mail', body: true },
  { method: 'POST', path: '/api/mail/unsubscribe', body: true },
  { method: 'GET', path: '/api/networks/:id/outbox', body: false },
  { method: 'POST', path: '/api/password-resets', body: true },
  { method: 'GET', path: '/api/documents', body: false },
  { method: 'GET', path: '/api/search', body: false },
  { method: 'POST', path: '/api/documents', body: true },
  // A multipart upload, not JSON: its bad bodies (JSON, oversized, malformed files) are in import.test.ts.
  { method: 'POST', path: '/api/documents/import', body: false },
  { method: 'GET', path: '/api/documents/:id', body: false },
  { method: 'PATCH', path: '/api/documents/:id', body: true },
  { method: 'POST', path: '/api/documents/:id/archive', body: false },
  { method: 'POST', path: '/api/documents/:id/collab-token', body: false },
  { method: 'GET', path: '/api/documents/:id/comments', body: false },
  { method: 'POST', path: '/api/documents/:id/comments', body: true },
  { method: 'POST', path: '/api/documents/:id/comments/:threadId/replies', body: true },
  { method: 'PATCH', path: '/api/documents/:id/comments/:threadId/comments/:commentId', body: true },
  { method: 'DELETE', path: '/api/documents/:id/comments/:threadId/comments/:commentId', body: false },
  { method: 'POST', path: '/api/documents/:id/comments/:threadId/resolve', body: false },
  { method: 'POST', path: '/api/documents/:id/comments/:threadId/reopen', body: false },
  { method: 'GET', path: '/api/documents/:id/mentionable', body: false },
  { method: 'GET', path: '/api/documents/:id/versions', body: false },
  { method: 'POST', path: '/api/documents/:id/versions', body: true },
  { method: 'GET', path: '/api/documents/:id/versions/:versionId', body: false },
  { method: 'PATCH', path: '/api/documents/:id/versions/:versionId', body: true },
  { method: 'DELETE', path: '/api/documents/:id/versions/:versionId', body: false },
  { method: 'POST', path: '/api/documents/:id/versions/:versionId/lock', body: false },
  { method: 'POST', path: '/api/documents/:id/versions/:versionId/restore', body: false },
  { method: 'GET', path: '/api/documents/:id/suggestions', body: false },
  { method: 'POST', path: '/api/documents/:id/suggestions/accept-all', body: true },
  { method: 'POST', path: '/api/documents/:id/suggestions/reject-all', body: true },
  { method: 'POST', path: '/api/documents/:id/suggestions/:suggestionId/accept', body: false },
  { method: 'POST', path: '/api/documents/:id/suggestions/:suggestionId/reject', body: false },
  { method: 'GET', path: '/api/documents/:id/compare', body: false },
  { method: 'GET', path: '/api/documents/:id/export', body: false },
  { method: 'GET', path: '/api/documents/:id/workflow', body: false },
  { method: 'GET', path: '/api/documents/:id/cycles', body: false },
  { method: 'POST', path: '/api/documents/:id/cycles', body: true },
  { method: 'PUT', path: '/api/documents/:id/cycles/:cycleId', body: true },
  { method: 'DELETE', path: '/api/documents/:id/cycles/:cycleId', body: false },
  { method: 'POST', path: '/api/documents/:id/submissions', body: true },
  { method: 'POST', path: '/api/documents/:id/submissions/:submissionId/return', body: true },
  { method: 'POST', path: '/api/documents/:id/submissions/:submissionId/validate', body: true },
  { method: 'GET', path: '/api/notifications', body: false },
  { method: 'POST', path: '/api/notifications/read-all', body: false },
  { method: 'POST', path: '/api/notifications/:id/read', body: false },
  { method: 'POST', path: '/api/networks', body: true },
  { method: 'GET', path: '/api/networks/:id', body: false },
  { method: 'GET', path: '/api/networks/:id/dashboard', body: false },
  { method: 'GET', path: '/api/networks/:id/report', body: false },
  { method: 'GET', path: '/api/networks/:id/onboarding', body: false },
  { method: 'PATCH', path: '/api/networks/:id/inaugural', body: true },
  { method: 'GET', path: '/api/networks/:id/workshops', body: false },
  { method: 'POST', path: '/api/networks/:id/workshops', body: true },
  { method: 'GET', path: '/api/workshops', body: false },
  { method: 'GET', path: '/api/workshops/:id', body: false },
  { method: 'PATCH', path: '/api/workshops/:id', body: true },
  { method: 'POST', path: '/api/workshops/:id/participants', body: true },
  { method: 'DELETE', path: '/api/workshops/:id/participants/:participantId', body: false },
  { method: 'POST', path: '/api/workshops/:id/participants/:participantId/invitation', body: true },
  { method: 'GET', path: '/api/networks/:id/cities/:cityId/onboarding', body: false },
  { method: 'PATCH', path: '/api/networks/:id/cities/:cityId/onboarding/items/:key', body: true },
  { method: 'PATCH', path: '/api/networks/:id/cities/:cityId/onboarding/visit', body: true },
  { method: 'POST', path: '/api/networks/:id/cities/:cityId/onboarding/visit/report', body: false },
  { method: 'PATCH', path: '/api/networks/:id', body: true },
  { method: 'GET', path: '/api/networks/:id/city-candidates', body: false },
  { method: 'POST', path: '/api/networks/:id/cities', body: true },
  { method: 'PATCH', path: '/api/networks/:id/cities/:cityId', body: true },
  { method: 'DELETE', path: '/api/networks/:id/cities/:cityId', body: false },
  { method: 'GET', path: '/api/practices', body: false },
  { method: 'GET', path: '/api/practices/source', body: false },
  { method: 'POST', path: '/api/practices', body: true },
  { method: 'GET', path: '/api/practices/:id', body: false },
  { method: 'PATCH', path: '/api/practices/:id', body: true },
  { method: 'DELETE', path: '/api/practices/:id', body: false },
  { method: 'POST', path: '/api/practices/:id/republish', body: false },
  { method: 'PATCH', path: '/api/practices/:id/status', body: true },
  { method: 'POST', path: '/api/practices/:id/comments', body: true },
  { method: 'GET', path: '/api/cities/:id', body: false },
  { method: 'GET', path: '/api/cities/:id/localisation', body: false },
  { method: 'PATCH', path: '/api/cities/:id/localisation/steps/:key', body: true },
  { method: 'PATCH', path: '/api/cities/:id/localisation/support/:key', body: true },
  { method: 'POST', path: '/api/grants', body: true },
  { method: 'DELETE', path: '/api/grants/:id', body: false },
  { method: 'POST', path: '/api/invitations', body: true },
  { method: 'GET', path: '/api/invitations/:token', body: false },
  { method: 'POST', path: '/api/invitations/:token/accept', body: true },
  { method: 'POST', path: '/api/users/:id/password-reset', body: false },
  { method: 'POST', path: '/api/password-resets/:token', body: true },
]

const BAD_BODIES: [string, string][] = [
  ['malformed JSON', '{"email": '],
  ['a JSON array', '[1,2,3]'],
  ['a JSON string', '"hello"'],
  ['null', 'null'],
  [
    'wrong types',
    '{"email": 42, "password": ["x"], "name": {}, "space": "network", "kind": 7, "title": null, "role": true, "locale": "xx", "languages": "fr"}',
  ],
  [
    'strings far too long',
    JSON.stringify({ name: 'x'.repeat(5000), title: 'x'.repeat(5000), email: `${'a'.repeat(300)}@example.org`, password: 'p'.repeat(500) }),
  ],
  ['HTML and control characters', JSON.stringify({ name: '<script>alert(1)</script>\u0000', title: '\u0007', email: 'a@b', password: '' })],
]

const fill = (path: string, value: string) => path.replace(/:(\w+)/g, () => value)

describe.each(DRIVERS)('bad input on every route (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let secretariat: Client

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    secretariat = await signIn(app, await buildPerson(db, 'Sam Secretariat', [{ role: 'secretariat', on: await buildNetwork(db) }]))
  })
  afterAll(() => db.drop())

  it('the list here is every route the app has', () => {
    const appRoutes = app.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`)
    expect([...new Set(appRoutes)].sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort())
  })

  for (const route of ROUTES.filter((r) => r.body || r.path.includes(':'))) {
    describe(`${route.method} ${route.path}`, () => {
      if (route.body) {
        for (const [what, raw] of BAD_BODIES) {
          it(`answers ${what} with a 4xx and a message`, async () => {
            const res = await secretariat.request(route.method, fill(route.path, ID), { raw })
            expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400)
            expect(res.status).toBeLessThan(500)
            expect(res.body.error.message).toEqual(expect.any(String))
            expect(res.body.error.message.length).toBeGreaterThan(5)
          })
        }
        it('refuses a body over the size limit with 413', async () => {
          const res = await secretariat.request(route.method, fill(route.path, ID), { raw: JSON.stringify({ name: 'x'.repeat(100_000) }) })
          expect(res.status).toBe(413)
          expect(res.body.error.code).toBe('payload_too_large')
        })
        it('refuses a non-JSON body with 415', async () => {
          const res = await secretariat.request(route.method, fill(route.path, ID), {
            raw: 'name=x',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          expect(res.status).toBe(415)
          expect(res.body.error.code).toBe('unsupported_media_type')
        })
      }
      if (route.path.includes(':')) {
        for (const id of ['not-a-uuid', "1'; drop table users; --", '%00', 'x'.repeat(300)]) {
          it(`answers the id ${JSON.stringify(id.slice(0, 20))} with a 4xx`, async () => {
            const res = await secretariat.request(route.method, fill(route.path, encodeURIComponent(id)), route.body ? { json: {} } : {})
            expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400)
            expect(res.status).toBeLessThan(500)
            expect(res.body.error.message).toEqual(expect.any(String))
          })
        }
      }
    })
  }

  it('an unknown API path is a JSON 404', async () => {
    const res = await secretariat.get('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('nothing was stored half-way by all of the above', async () => {
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from users where name like '%script%'`)) as [{ n: number }]
    expect(n).toBe(0)
  })
})
