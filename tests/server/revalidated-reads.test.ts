import { describe, expect, it } from 'vitest'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildDocument, buildWorld, signIn } from '../helpers/world'

/** On a slow link an unchanged answer is not sent again: API reads carry a tag and come back as 304 when it still holds. */
describe.each(DRIVERS)('API reads revalidated with ETags, on %s', (driver) => {
  const t = useTestApp(driver)

  it('an unchanged answer is an empty 304; a changed one is sent with a new tag', async () => {
    const world = await buildWorld(t.db)
    const sec = await signIn(t.app, world.people.secretariat)
    const first = await sec.get('/api/documents')
    expect(first.status).toBe(200)
    const tag = first.headers.get('etag')!
    expect(tag).toMatch(/^W\/".+"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')

    const again = await sec.request('GET', '/api/documents', { headers: { 'if-none-match': tag } })
    expect(again.status).toBe(304)
    expect(again.body).toBeNull()
    expect(again.headers.get('etag')).toBe(tag)
    // A 304 is still a response of this site: its security headers stay.
    expect(again.headers.get('x-content-type-options')).toBe('nosniff')

    await buildDocument(t.db, world.network, { title: 'Une fiche de plus' })
    const changed = await sec.request('GET', '/api/documents', { headers: { 'if-none-match': tag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(tag)
    expect((changed.body as { title: string }[]).map((d) => d.title)).toContain('Une fiche de plus')
  })

  it('another person sending the first one’s tag gets their own answer, not a 304', async () => {
    const world = await buildWorld(t.db)
    const pilot = await signIn(t.app, world.people.pilot)
    const member = await signIn(t.app, world.people.member)
    const tag = (await pilot.get('/api/documents')).headers.get('etag')!
    const theirs = await member.request('GET', '/api/documents', { headers: { 'if-none-match': tag } })
    expect(theirs.status).toBe(200)
    expect((theirs.body as { title: string }[]).map((d) => d.title)).not.toContain(world.documents.city.title)
  })

  it('files keep no-store, refusals and writes carry no tag', async () => {
    const world = await buildWorld(t.db)
    const pilot = await signIn(t.app, world.people.pilot)
    const file = await pilot.get(`/api/documents/${world.documents.city.id}/export?format=md`)
    expect(file.status).toBe(200)
    expect(file.headers.get('cache-control')).toBe('private, no-store')
    const refused = await t.app.client().get('/api/documents')
    expect(refused.status).toBe(401)
    expect(refused.headers.get('etag')).toBeNull()
    const created = await pilot.post('/api/notifications/read-all')
    expect(created.headers.get('etag')).toBeNull()
    // People's addresses are not left in a shared computer's cache.
    const sec = await signIn(t.app, world.people.secretariat)
    const outbox = await sec.get(`/api/networks/${world.network.id}/outbox`)
    expect(outbox.status).toBe(200)
    expect(outbox.headers.get('cache-control')).toBe('private, no-store')
    expect(outbox.headers.get('etag')).toBeNull()
    // Nor an invitation read by its link, by someone who may never sign in to clear it.
    const link = await sec.post('/api/invitations', { role: 'expert', expertKind: 'international', space: world.network, email: 'invitee@example.org' })
    expect(link.status).toBe(201)
    const invitation = await t.app.client().get(`/api/invitations/${new URL(link.body.url).pathname.split('/').pop()}`)
    expect(invitation.status).toBe(200)
    expect(invitation.headers.get('cache-control')).toBe('private, no-store')
  })

  it('signing out tells the browser to drop what it kept, for the next person at this computer', async () => {
    const world = await buildWorld(t.db)
    const pilot = await signIn(t.app, world.people.pilot)
    const out = await pilot.post('/api/auth/logout')
    expect(out.status).toBe(204)
    expect(out.headers.get('clear-site-data')).toBe('"cache"')
  })
})

describe('a 304 still carries what the request changed', () => {
  it('a renewed session cookie reaches the browser even when the answer is unchanged', async () => {
    const { Hono } = await import('hono')
    const { revalidatedReads } = await import('../../server/http/revalidated-reads')
    const app = new Hono().use(revalidatedReads).get('/me', (c) => {
      c.header('Set-Cookie', 'session=renewed; HttpOnly')
      return c.json({ name: 'Pat' })
    })
    const tag = (await app.request('/me')).headers.get('etag')!
    const again = await app.request('/me', { headers: { 'if-none-match': tag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('set-cookie')).toBe('session=renewed; HttpOnly')
  })
})
