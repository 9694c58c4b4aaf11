import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CityDetail, NetworkDetail, PersonView } from '../../shared/api'
import type { SpaceRef } from '../../shared/domain'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { testApp, type Client } from '../helpers/app'
import { anchorIn } from '../helpers/comments'
import { buildCity, buildNetwork, buildPerson, signIn, type Person } from '../helpers/world'

/**
 * E-mail addresses are shown to the person themself and to the secretariat (who manage the
 * members of the space); everyone else sees names, cities and roles — wherever people appear.
 */
describe.each(DRIVERS)('who sees e-mail addresses on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let network: SpaceRef, pilotCity: SpaceRef, memberCity: SpaceRef
  const people: Record<string, Person> = {}
  const as: Record<string, Client> = {}
  let documentId: string

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    network = await buildNetwork(db)
    pilotCity = await buildCity(db, network, 'pilot', 'Dakar')
    memberCity = await buildCity(db, network, 'member', 'Abidjan')
    const roles = {
      secretariat: [{ role: 'secretariat', on: network }],
      pilot: [{ role: 'city_team', on: pilotCity }],
      pilotColleague: [{ role: 'city_team', on: pilotCity }],
      member: [{ role: 'city_team', on: memberCity }],
      expert: [{ role: 'expert', on: network }],
      advisory: [{ role: 'advisory', on: network }],
      funder: [{ role: 'funder', on: network }],
      cityExpert: [{ role: 'expert', on: memberCity }],
    } as const
    for (const [who, held] of Object.entries(roles)) {
      people[who] = await buildPerson(db, `Person ${who}`, [...held])
      as[who] = await signIn(app, people[who]!)
    }
    // A document where people also appear: a comment mentioning the pilot city, a named version.
    documentId = (await as.secretariat!.post('/api/documents', { space: network, kind: 'action_plan' })).body.id
    const thread = await as.expert!.post(`/api/documents/${documentId}/comments`, {
      anchor: await anchorIn(db, documentId),
      body: 'Qui porte cette action ?',
      mentions: [people.pilot!.id],
    })
    expect(thread.status).toBe(201)
    expect((await as.pilot!.post(`/api/documents/${documentId}/versions`, { name: 'V1' })).status).toBe(201)
  })
  afterAll(async () => {
    await app.deps.hub.shutdown()
    await db.drop()
  })

  const emailsIn = (list: PersonView[]) => Object.fromEntries(list.map((p) => [p.user.name, p.user.email ?? null]))

  it('the secretariat sees everyone’s address, on the network and on its cities', async () => {
    const detail = (await as.secretariat!.get<NetworkDetail>(`/api/networks/${network.id}`)).body
    expect(detail.people).toHaveLength(8)
    for (const p of detail.people) expect(p.user.email).toBe(people[p.user.name.replace('Person ', '')]!.email)
    const city = (await as.secretariat!.get<CityDetail>(`/api/cities/${pilotCity.id}`)).body
    expect(city.people.map((p) => p.user.email).sort()).toEqual([people.pilot!.email, people.pilotColleague!.email].sort())
  })

  it('a city team sees its own address, not its colleagues’ nor anyone else’s', async () => {
    const detail = (await as.pilot!.get<NetworkDetail>(`/api/networks/${network.id}`)).body
    const seen = emailsIn(detail.people)
    expect(seen['Person pilot']).toBe(people.pilot!.email)
    expect(Object.values(seen).filter(Boolean)).toEqual([people.pilot!.email])
    const city = (await as.pilot!.get<CityDetail>(`/api/cities/${pilotCity.id}`)).body
    expect(emailsIn(city.people)).toEqual({ 'Person pilot': people.pilot!.email, 'Person pilotColleague': null })
  })

  const others = ['pilot', 'member', 'expert', 'advisory', 'funder', 'cityExpert']
  for (const who of others) {
    it(`${who}: no one else’s address anywhere people are shown`, async () => {
      const paths = [
        `/api/networks/${network.id}`,
        `/api/cities/${pilotCity.id}`,
        `/api/cities/${memberCity.id}`,
        '/api/me',
        '/api/documents',
        `/api/documents/${documentId}/mentionable`,
        `/api/documents/${documentId}/comments`,
        `/api/documents/${documentId}/versions`,
        '/api/notifications',
      ]
      const answered: string[] = []
      let seen = ''
      for (const path of paths) {
        const res = await as[who]!.get(path)
        if (res.status !== 200) continue
        answered.push(path)
        seen += JSON.stringify(res.body)
      }
      // Each one reads at least the network or its own city, so there is something to look at.
      expect(answered.length).toBeGreaterThanOrEqual(3)
      for (const [name, person] of Object.entries(people)) {
        if (name !== who) expect(seen, `${name}’s address`).not.toContain(person.email)
      }
    })
  }

  it('anonymous callers see no one at all', async () => {
    for (const path of [`/api/networks/${network.id}`, `/api/cities/${pilotCity.id}`, `/api/documents/${documentId}/mentionable`]) {
      expect((await app.client().get(path)).status).toBe(401)
    }
  })
})
