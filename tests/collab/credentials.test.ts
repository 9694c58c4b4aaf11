import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens'
import { appendParagraph, connect, startTestServer, stored, synced, upgradeStatus, type TestClient, type TestServer } from '../helpers/collab'
import { DRIVERS } from '../helpers/db'
import { buildPerson, buildWorld, type World } from '../helpers/world'

/**
 * A socket lives no longer than what it was opened with. A collab token belongs to the session
 * it was made with: signing out, a password reset or the session's end refuse it and close its
 * sockets (4401); a token socket closes when the token expires unless the client renewed it; a
 * cookie socket closes when its session expires, unless using the app extended it meanwhile.
 */
describe.each(DRIVERS)('credentials of open sockets (%s)', (driver) => {
  let server: TestServer
  let world: World
  /** Whose sessions and tokens these are: a member of the pilot city’s team. */
  let pilotEmail: string
  let documentId: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    pilotEmail = world.people.pilot.email
    documentId = world.documents.city.id
  })
  afterAll(() => server.stop())

  const url = (token: string) => `${server.wsUrl}/${documentId}?token=${token}`
  const closedWith = (client: TestClient) => client.closes.map((c) => c.code)
  const storedText = async () => (await stored(server.deps.db, documentId)).text
  /** Sets when a token (and so its socket, if opened after) expires: `seconds` from now. */
  const expireTokenIn = (token: string, seconds: number) =>
    server.deps.db.query(`update collab_tokens set expires_at = now() + make_interval(secs => $2) where token_hash = $1`, [hashToken(token), seconds])
  const sessionOf = (cookie: string) => hashToken(cookie.split('=')[1]!)
  const expireSessionIn = (cookie: string, seconds: number) =>
    server.deps.db.query(`update sessions set expires_at = now() + make_interval(secs => $2) where id = $1`, [sessionOf(cookie), seconds])

  it('signing out refuses the session’s tokens and closes the sockets opened with them; what they send after is not stored', async () => {
    const cookie = await server.login(pilotEmail)
    const token = await server.token(cookie, documentId)
    const unused = await server.token(cookie, documentId)
    const client = connect(server, documentId, { token })
    await synced(client)
    expect((await server.api(cookie, 'POST', '/api/auth/logout')).status).toBe(204)
    await expect.poll(() => closedWith(client), { timeout: 15_000 }).toContain(4401)
    appendParagraph(client.doc, 'tapé après la déconnexion')
    expect(await upgradeStatus(url(unused))).toBe(401)
    expect(await upgradeStatus(url(token))).toBe(401)
    client.destroy()
    // The provider stops on 4401: nothing it typed since reaches the server.
    expect(await storedText()).not.toContain('tapé après la déconnexion')
  })

  it('a password reset ends the sessions, their tokens and the sockets opened with them', async () => {
    // Someone of its own, whose password changes.
    const person = await buildPerson(server.deps.db, 'Pia Pilot', [{ role: 'city_team', on: world.cities.pilot }])
    const cookie = await server.login(person.email)
    const token = await server.token(cookie, documentId)
    const client = connect(server, documentId, { token })
    await synced(client)
    const secretariat = await server.login(world.people.secretariat.email)
    const link = await server.api(secretariat, 'POST', `/api/users/${person.id}/password-reset`, {})
    expect(link.status).toBe(201)
    const resetToken = (link.body.url as string).split('/reset/')[1]!
    const done = await fetch(`${server.url}/api/password-resets/${resetToken}`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'un nouveau mot de passe solide' }),
    })
    expect(done.status).toBe(204)
    await expect.poll(() => closedWith(client), { timeout: 15_000 }).toContain(4401)
    expect(await upgradeStatus(url(token))).toBe(401)
    client.destroy()
  })

  it('a token socket closes when its token expires, unless the client renewed the token', async () => {
    const cookie = await server.login(pilotEmail)
    const [kept, lapsed] = [await server.token(cookie, documentId), await server.token(cookie, documentId)]
    // The renewed one would have expired first: by the time the other is closed, it was checked too.
    await expireTokenIn(kept, 2)
    await expireTokenIn(lapsed, 3)
    const keptClient = connect(server, documentId, { token: kept })
    const lapsedClient = connect(server, documentId, { token: lapsed })
    await Promise.all([synced(keptClient), synced(lapsedClient)])
    const renewed = await server.api(cookie, 'POST', `/api/documents/${documentId}/collab-token`, { renew: kept })
    expect(renewed.status).toBe(200)
    expect(renewed.body.token).toBe(kept)
    expect(Date.parse(renewed.body.expiresAt)).toBeGreaterThan(Date.now() + 60_000)

    await expect.poll(() => closedWith(lapsedClient), { timeout: 20_000 }).toContain(4401)
    expect(closedWith(keptClient)).toEqual([])
    appendParagraph(keptClient.doc, 'écrit avec un jeton renouvelé')
    await expect.poll(storedText).toContain('écrit avec un jeton renouvelé')
    // A token cannot be renewed by another session, nor once it has lapsed.
    const other = await server.login(pilotEmail)
    expect((await server.api(other, 'POST', `/api/documents/${documentId}/collab-token`, { renew: kept })).status).toBe(404)
    expect((await server.api(cookie, 'POST', `/api/documents/${documentId}/collab-token`, { renew: lapsed })).status).toBe(404)
    keptClient.destroy()
    lapsedClient.destroy()
  })

  it('a cookie socket closes when its session expires, unless the session was extended meanwhile', async () => {
    const [kept, lapsed] = [await server.login(pilotEmail), await server.login(pilotEmail)]
    await expireSessionIn(kept, 2)
    await expireSessionIn(lapsed, 3)
    const keptClient = connect(server, documentId, { cookie: kept })
    const lapsedClient = connect(server, documentId, { cookie: lapsed })
    await Promise.all([synced(keptClient), synced(lapsedClient)])
    // Using the app extends a session (lucia does it past half its life); here, directly.
    await expireSessionIn(kept, 86_400)

    await expect.poll(() => closedWith(lapsedClient), { timeout: 20_000 }).toContain(4401)
    expect(closedWith(keptClient)).toEqual([])
    keptClient.destroy()
    lapsedClient.destroy()
  })
})
