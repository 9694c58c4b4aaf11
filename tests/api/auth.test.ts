import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { testApp } from '../helpers/app'
import { buildCity, buildNetwork, buildPerson, PASSWORD, type Person } from '../helpers/world'

describe.each(DRIVERS)('first-run setup on %s', (driver) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  it('is offered while no account exists, creates the first secretariat and its network, then closes', async () => {
    const { client } = testApp(db)
    const visitor = client()
    expect((await visitor.get('/api/setup')).body).toEqual({ needed: true, mail: false })

    const created = await visitor.post('/api/setup', {
      name: 'Claire Dubois',
      email: 'Claire@Example.org',
      password: 'correct horse battery',
      networkName: 'Réseau des villes inclusives',
    })
    expect(created.status).toBe(201)
    expect(created.body.user).toMatchObject({ email: 'claire@example.org', name: 'Claire Dubois', locale: 'fr' })
    expect(created.body.networks).toHaveLength(1)
    expect(created.body.networks[0]).toMatchObject({ name: 'Réseau des villes inclusives', roles: ['secretariat'] })
    expect((await visitor.get('/api/me')).status).toBe(200)

    expect((await visitor.get('/api/setup')).body).toEqual({ needed: false, mail: false })
    const again = await client().post('/api/setup', {
      name: 'Intruder',
      email: 'x@example.org',
      password: 'another long one',
      networkName: 'Mine',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('setup_done')
  })
})

describe.each(DRIVERS)('sessions on %s', (driver) => {
  let db: TestDb
  /** A member of a pilot city's team. */
  let person: Person
  beforeAll(async () => {
    db = await openTestDb(driver)
    const network = await buildNetwork(db)
    person = await buildPerson(db, 'Pat Pilot', [{ role: 'city_team', on: await buildCity(db, network, 'pilot', 'Pilot City') }])
  })
  afterAll(() => db.drop())

  it('login sets an HttpOnly, SameSite=Lax session cookie and /api/me answers with it', async () => {
    const { client } = testApp(db)
    const pilot = client()
    const res = await pilot.post('/api/auth/login', { email: person.email.toUpperCase(), password: PASSWORD })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^atelier_session=\w+/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    const me = await pilot.get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe(person.email)
    expect(me.body.networks[0].roles).toEqual(['pilot_city'])
  })

  it('marks the cookie Secure when the app is served over HTTPS', async () => {
    const { createLucia } = await import('../../server/auth/lucia')
    const { client } = testApp(db, { auth: createLucia(db, { secureCookies: true, sessionDays: 30 }) })
    const res = await client().post('/api/auth/login', { email: person.email, password: PASSWORD })
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('a wrong password or unknown account is a 401 with a message, and sets no cookie', async () => {
    const { client } = testApp(db)
    for (const body of [
      { email: person.email, password: 'wrong-password' },
      { email: 'nobody@example.org', password: PASSWORD },
    ]) {
      const res = await client().post('/api/auth/login', body)
      expect(res.status).toBe(401)
      expect(res.body.error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong e-mail or password' })
      expect(res.headers.get('set-cookie')).toBeNull()
    }
  })

  it('logout ends the session on the server, not just in the browser', async () => {
    const { client } = testApp(db)
    const pilot = client()
    await pilot.login(person.email, PASSWORD)
    const stolen = pilot.cookie
    expect((await pilot.post('/api/auth/logout')).status).toBe(204)
    expect(pilot.cookie).toBe('')
    const replay = client()
    replay.cookie = stolen
    expect((await replay.get('/api/me')).status).toBe(401)
  })

  it('an expired session is refused and its cookie cleared', async () => {
    const { client } = testApp(db)
    const pilot = client()
    await pilot.login(person.email, PASSWORD)
    await db.query(`update sessions set expires_at = now() - interval '1 minute' where id = $1`, [hashToken(pilot.cookie.split('=')[1]!)])
    const res = await pilot.get('/api/me')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthenticated')
    expect(pilot.cookie).toBe('')
  })

  it('a session nearing expiry is extended and the cookie refreshed', async () => {
    const { client } = testApp(db)
    const pilot = client()
    await pilot.login(person.email, PASSWORD)
    const id = hashToken(pilot.cookie.split('=')[1]!)
    await db.query(`update sessions set expires_at = now() + interval '2 days' where id = $1`, [id])
    const res = await pilot.get('/api/me')
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=\d{7}/)
    const [row] = await db.query<{ days: number }>(`select extract(day from expires_at - now())::int as days from sessions where id = $1`, [id])
    expect(row!.days).toBeGreaterThanOrEqual(29)
  })
})

describe.each(DRIVERS)('CSRF protection on %s', (driver) => {
  let db: TestDb
  /** The secretariat of a network with no document yet. */
  let secretariat: Person
  beforeAll(async () => {
    db = await openTestDb(driver)
    secretariat = await buildPerson(db, 'Sam Secretariat', [{ role: 'secretariat', on: await buildNetwork(db) }])
  })
  afterAll(() => db.drop())

  it('refuses a state-changing request from another site, or with no Origin, before acting on it', async () => {
    const { client } = testApp(db)
    const browser = client()
    const me = await browser.login(secretariat.email, PASSWORD)
    const network = { type: 'network', id: me.networks[0].id }
    for (const origin of ['https://evil.example', null]) {
      const res = await browser.request('POST', '/api/documents', { json: { space: network, kind: 'action_plan' }, origin })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('csrf_failed')
    }
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from documents where kind = 'action_plan' and network_id = $1`, [
      network.id,
    ])) as [{ n: number }]
    expect(n).toBe(0)
    const ok = await browser.post('/api/documents', { space: network, kind: 'action_plan' })
    expect(ok.status).toBe(201)
  })

  it('login itself is protected (no login CSRF)', async () => {
    const { client } = testApp(db)
    const res = await client().request('POST', '/api/auth/login', {
      json: { email: secretariat.email, password: PASSWORD },
      origin: 'https://evil.example',
    })
    expect(res.status).toBe(403)
  })
})
