import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../server/demo/seed'
import type { MeResponse } from '../../shared/api'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { Client, DEMO_PASSWORD, ORIGIN, testApp } from '../helpers/app'

const tokenOf = (url: string) => url.split('/').pop()!

describe.each(DRIVERS)('invitations on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let secretariat: Client
  let me: MeResponse
  const cityId = (name: string) => cities.get(name)!
  const cities = new Map<string, string>()

  beforeAll(async () => {
    db = await openTestDb(driver)
    await seedDemo(db, DEMO_PASSWORD)
    app = testApp(db)
    secretariat = app.client()
    me = await secretariat.login('secretariat@demo.atelier')
    for (const c of me.cities) cities.set(c.name, c.id)
  })
  afterAll(() => db.drop())

  const network = () => ({ type: 'network' as const, id: me.networks[0]!.id })

  it('a secretariat invites an expert; the link creates the account with exactly that role', async () => {
    const invite = await secretariat.post('/api/invitations', { role: 'expert', expertKind: 'local', space: network() })
    expect(invite.status).toBe(201)
    expect(invite.body.url).toMatch(new RegExp(`^${ORIGIN}/invitation/[\\w-]{40,}$`))
    const token = tokenOf(invite.body.url)

    const guest = app.client()
    const view = await guest.get(`/api/invitations/${token}`)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({ role: 'expert', expertKind: 'local', invitedBy: 'Claire Dubois', space: { type: 'network', name: me.networks[0]!.name } })

    const accepted = await guest.post(`/api/invitations/${token}/accept`, { name: 'Awa Sow', email: 'awa@example.org', password: 'a long password' })
    expect(accepted.status).toBe(200)
    expect(accepted.body.user.email).toBe('awa@example.org')
    expect(accepted.body.networks[0].roles).toEqual(['expert'])
    expect(accepted.body.cities).toEqual([])
    expect((await guest.get('/api/me')).status).toBe(200)
  })

  it('a link works once', async () => {
    const token = tokenOf((await secretariat.post('/api/invitations', { role: 'funder', space: network() })).body.url)
    const first = await app.client().post(`/api/invitations/${token}/accept`, { name: 'A', email: 'once-a@example.org', password: 'a long password' })
    expect(first.status).toBe(200)
    const second = await app.client().post(`/api/invitations/${token}/accept`, { name: 'B', email: 'once-b@example.org', password: 'a long password' })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('link_used')
    expect((await app.client().get(`/api/invitations/${token}`)).body.error.code).toBe('link_used')
    expect(await db.query(`select 1 from users where email = 'once-b@example.org'`)).toHaveLength(0)
  })

  it('an expired link is refused with 410 and creates nothing', async () => {
    const token = tokenOf((await secretariat.post('/api/invitations', { role: 'advisory', space: network() })).body.url)
    await db.query(`update invitations set expires_at = now() - interval '1 second' where accepted_at is null and role = 'advisory'`)
    const res = await app.client().post(`/api/invitations/${token}/accept`, { name: 'Late', email: 'late@example.org', password: 'a long password' })
    expect(res.status).toBe(410)
    expect(res.body.error.code).toBe('link_expired')
    expect(await db.query(`select 1 from users where email = 'late@example.org'`)).toHaveLength(0)
  })

  it('an unknown token is a 404', async () => {
    const res = await app.client().get('/api/invitations/not-a-real-token')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('link_invalid')
  })

  it('refuses invitations outside the inviter’s scope', async () => {
    const pilot = app.client()
    await pilot.login('pilote@demo.atelier')
    const dakar = { type: 'city' as const, id: cityId('Dakar') }
    const tunis = { type: 'city' as const, id: cityId('Tunis') }
    // A city team invites colleagues to its own city…
    expect((await pilot.post('/api/invitations', { role: 'city_team', space: dakar })).status).toBe(201)
    // …but not into another city, not as a network role, not an expert on its city.
    for (const body of [
      { role: 'city_team', space: tunis },
      { role: 'secretariat', space: network() },
      { role: 'expert', space: network() },
      { role: 'expert', space: dakar },
    ]) {
      const res = await pilot.post('/api/invitations', body)
      expect(res.status, JSON.stringify(body)).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
    // A role that does not fit the kind of space is bad input, whoever asks.
    const misfit = await secretariat.post('/api/invitations', { role: 'city_team', space: network() })
    expect(misfit.status).toBe(400)
    expect(misfit.body.error.fields[0].path).toBe('role')
  })

  it('a link stops working when its maker loses the right to give that role, and creates nothing', async () => {
    const tunis = app.client()
    await tunis.login('tunis@demo.atelier')
    const token = tokenOf((await tunis.post('/api/invitations', { role: 'city_team', space: { type: 'city', id: cityId('Tunis') } })).body.url)
    expect((await app.client().get(`/api/invitations/${token}`)).status).toBe(200)

    const people = (await secretariat.get(`/api/cities/${cityId('Tunis')}`)).body.people as { grantId: string; user: { email?: string; name: string } }[]
    const grant = people.find((p) => p.user.email === 'tunis@demo.atelier')!
    expect((await secretariat.delete(`/api/grants/${grant.grantId}`)).status).toBe(204)

    expect((await app.client().get(`/api/invitations/${token}`)).body.error.code).toBe('link_invalid')
    const accepted = await app.client().post(`/api/invitations/${token}/accept`, { name: 'Nour', email: 'nour@example.org', password: 'a long password' })
    expect(accepted.status).toBe(404)
    expect(accepted.body.error).toMatchObject({ code: 'link_invalid', message: expect.stringMatching(/can no longer give this role/) })
    expect(await db.query(`select 1 from users where email = 'nour@example.org'`)).toHaveLength(0)
  })

  it('an invitation for one e-mail cannot be taken by another', async () => {
    const url = (await secretariat.post('/api/invitations', { role: 'expert', space: network(), email: 'named@example.org' })).body.url
    const res = await app.client().post(`/api/invitations/${tokenOf(url)}/accept`, { name: 'X', email: 'other@example.org', password: 'a long password' })
    expect(res.status).toBe(403)
    const ok = await app.client().post(`/api/invitations/${tokenOf(url)}/accept`, { name: 'N', email: 'Named@Example.org', password: 'a long password' })
    expect(ok.status).toBe(200)
  })

  it('signed in, accepting adds the role to the existing account', async () => {
    const tunis = { type: 'city' as const, id: cityId('Tunis') }
    const url = (await secretariat.post('/api/invitations', { role: 'expert', space: tunis })).body.url
    const expert = app.client()
    await expert.login('experte@demo.atelier')
    const res = await expert.post(`/api/invitations/${tokenOf(url)}/accept`, {})
    expect(res.status).toBe(200)
    expect(res.body.cities.map((c: { name: string }) => c.name)).toEqual(['Tunis'])
  })

  it('signed out, an existing e-mail is told to sign in rather than getting a second account', async () => {
    const url = (await secretariat.post('/api/invitations', { role: 'funder', space: network() })).body.url
    const res = await app.client().post(`/api/invitations/${tokenOf(url)}/accept`, { name: 'P', email: 'pilote@demo.atelier', password: 'a long password' })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/sign in/)
    const missing = await app.client().post(`/api/invitations/${tokenOf(url)}/accept`, { name: 'P' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['email', 'password'])
  })

  it('invitations require a session', async () => {
    const res = await app.client().post('/api/invitations', { role: 'expert', space: network() })
    expect(res.status).toBe(401)
  })
})

describe.each(DRIVERS)('password-reset links on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  beforeAll(async () => {
    db = await openTestDb(driver)
    await seedDemo(db, DEMO_PASSWORD)
    app = testApp(db)
  })
  afterAll(() => db.drop())

  it('a secretariat makes a link; it sets a new password once and signs the person out everywhere', async () => {
    const secretariat = app.client()
    await secretariat.login('secretariat@demo.atelier')
    const pilot = app.client()
    const pilotMe = await pilot.login('pilote@demo.atelier')

    const link = await secretariat.post(`/api/users/${pilotMe.user.id}/password-reset`)
    expect(link.status).toBe(201)
    expect(link.body.url).toMatch(new RegExp(`^${ORIGIN}/reset/`))
    const token = tokenOf(link.body.url)

    expect((await app.client().post(`/api/password-resets/${token}`, { password: 'short' })).status).toBe(400)
    expect((await app.client().post(`/api/password-resets/${token}`, { password: 'a brand new password' })).status).toBe(204)
    expect((await pilot.get('/api/me')).status).toBe(401)
    expect((await app.client().post('/api/auth/login', { email: 'pilote@demo.atelier', password: DEMO_PASSWORD })).status).toBe(401)
    expect((await app.client().post('/api/auth/login', { email: 'pilote@demo.atelier', password: 'a brand new password' })).status).toBe(200)

    const reuse = await app.client().post(`/api/password-resets/${token}`, { password: 'yet another password' })
    expect(reuse.status).toBe(409)
    expect(reuse.body.error.code).toBe('link_used')
  })

  it('only a secretariat of the person’s network may make one', async () => {
    const expert = app.client()
    await expert.login('experte@demo.atelier')
    const funder = app.client()
    const funderMe = await funder.login('financeur@demo.atelier')
    const res = await expert.post(`/api/users/${funderMe.user.id}/password-reset`)
    expect(res.status).toBe(403)
    const unknown = await expert.post('/api/users/00000000-0000-0000-0000-000000000000/password-reset')
    expect(unknown.status).toBe(404)
  })

  it('an expired link is refused', async () => {
    const secretariat = app.client()
    await secretariat.login('secretariat@demo.atelier')
    const funderId = (await db.query<{ id: string }>(`select id from users where email = 'financeur@demo.atelier'`))[0]!.id
    const token = tokenOf((await secretariat.post(`/api/users/${funderId}/password-reset`)).body.url)
    await db.query(`update password_resets set expires_at = now() - interval '1 second' where used_at is null`)
    const res = await app.client().post(`/api/password-resets/${token}`, { password: 'a brand new password' })
    expect(res.status).toBe(410)
  })
})
