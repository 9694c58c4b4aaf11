import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens'
import type { CityDetail } from '../../shared/api'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, ORIGIN, testApp } from '../helpers/app'
import { buildPerson, buildWorld, PASSWORD, signIn, WORLD, type World } from '../helpers/world'

const tokenOf = (url: string) => url.split('/').pop()!

describe.each(DRIVERS)('invitations on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let world: World
  let secretariat: Client

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
    secretariat = await signIn(app, world.people.secretariat)
  })
  afterAll(() => db.drop())

  const network = () => world.network

  it('a secretariat invites an expert; the link creates the account with exactly that role', async () => {
    const invite = await secretariat.post('/api/invitations', { role: 'expert', expertKind: 'local', space: network() })
    expect(invite.status).toBe(201)
    expect(invite.body.url).toMatch(new RegExp(`^${ORIGIN}/invitation/[\\w-]{40,}$`))
    const token = tokenOf(invite.body.url)

    const guest = app.client()
    const view = await guest.get(`/api/invitations/${token}`)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({ role: 'expert', expertKind: 'local', invitedBy: 'Sam Secretariat', space: { type: 'network', name: WORLD.network } })

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
    await db.query(`update invitations set expires_at = now() - interval '1 second' where token_hash = $1`, [hashToken(token)])
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
    const pilot = await signIn(app, world.people.pilot)
    const own = world.cities.pilot
    // A city team invites colleagues to its own city…
    expect((await pilot.post('/api/invitations', { role: 'city_team', space: own })).status).toBe(201)
    // …but not into another city, not as a network role, not an expert on its city.
    for (const body of [
      { role: 'city_team', space: world.cities.other },
      { role: 'secretariat', space: network() },
      { role: 'expert', space: network() },
      { role: 'expert', space: own },
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
    // A team member of its own, whose role is taken back.
    const city = world.cities.other
    const maker = await buildPerson(db, 'Mia Maker', [{ role: 'city_team', on: city }])
    const token = tokenOf((await (await signIn(app, maker)).post('/api/invitations', { role: 'city_team', space: city })).body.url)
    expect((await app.client().get(`/api/invitations/${token}`)).status).toBe(200)

    const people = (await secretariat.get<CityDetail>(`/api/cities/${city.id}`)).body.people
    const grant = people.find((p) => p.user.email === maker.email)!
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
    const url = (await secretariat.post('/api/invitations', { role: 'expert', space: world.cities.other })).body.url
    // An expert of the network of its own, who had no city before.
    const expert = await signIn(app, await buildPerson(db, 'Eli Expert', [{ role: 'expert', on: network() }]))
    const res = await expert.post(`/api/invitations/${tokenOf(url)}/accept`, {})
    expect(res.status).toBe(200)
    expect(res.body.cities.map((c: { name: string }) => c.name)).toEqual([WORLD.cities.other])
  })

  it('signed out, an existing e-mail is told to sign in rather than getting a second account', async () => {
    const url = (await secretariat.post('/api/invitations', { role: 'funder', space: network() })).body.url
    const res = await app.client().post(`/api/invitations/${tokenOf(url)}/accept`, { name: 'P', email: world.people.pilot.email, password: 'a long password' })
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
  let world: World
  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    world = await buildWorld(db)
  })
  afterAll(() => db.drop())

  it('a secretariat makes a link; it sets a new password once and signs the person out everywhere', async () => {
    const secretariat = await signIn(app, world.people.secretariat)
    // Someone of its own, whose password changes.
    const person = await buildPerson(db, 'Pat Pilot', [{ role: 'city_team', on: world.cities.pilot }])
    const pilot = await signIn(app, person)

    const link = await secretariat.post(`/api/users/${person.id}/password-reset`)
    expect(link.status).toBe(201)
    expect(link.body.url).toMatch(new RegExp(`^${ORIGIN}/reset/`))
    const token = tokenOf(link.body.url)

    expect((await app.client().post(`/api/password-resets/${token}`, { password: 'short' })).status).toBe(400)
    expect((await app.client().post(`/api/password-resets/${token}`, { password: 'a brand new password' })).status).toBe(204)
    expect((await pilot.get('/api/me')).status).toBe(401)
    expect((await app.client().post('/api/auth/login', { email: person.email, password: PASSWORD })).status).toBe(401)
    expect((await app.client().post('/api/auth/login', { email: person.email, password: 'a brand new password' })).status).toBe(200)

    const reuse = await app.client().post(`/api/password-resets/${token}`, { password: 'yet another password' })
    expect(reuse.status).toBe(409)
    expect(reuse.body.error.code).toBe('link_used')
  })

  it('only a secretariat of the person’s network may make one', async () => {
    const expert = await signIn(app, world.people.expert)
    const res = await expert.post(`/api/users/${world.people.funder.id}/password-reset`)
    expect(res.status).toBe(403)
    const unknown = await expert.post('/api/users/00000000-0000-0000-0000-000000000000/password-reset')
    expect(unknown.status).toBe(404)
  })

  it('an expired link is refused', async () => {
    const secretariat = await signIn(app, world.people.secretariat)
    const token = tokenOf((await secretariat.post(`/api/users/${world.people.funder.id}/password-reset`)).body.url)
    await db.query(`update password_resets set expires_at = now() - interval '1 second' where token_hash = $1`, [hashToken(token)])
    const res = await app.client().post(`/api/password-resets/${token}`, { password: 'a brand new password' })
    expect(res.status).toBe(410)
  })
})
