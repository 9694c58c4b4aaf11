import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CityDetail, MeResponse, NetworkDetail, PersonView } from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import type { SpaceRef } from '../../shared/domain'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { testApp, type Client } from '../helpers/app'
import { upsertMembership } from '../../server/data/workspace'
import { buildCity, buildNetwork, buildPerson, giveRole, signIn, type Person } from '../helpers/world'

/**
 * Giving people roles and taking them back, as the hardening issue asks: a city team brings in
 * new colleagues by invitation but never raises an existing account's rights; the secretariat
 * gives and takes back roles. Mostly what others try, and must not achieve.
 */
const tokenOf = (url: string) => url.split('/').pop()!

describe.each(DRIVERS)('giving and taking back roles on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
  })
  afterAll(() => db.drop())

  /** A network with a pilot and a member city, its secretariat and its usual people; signed in. */
  async function world() {
    const network = await buildNetwork(db)
    const pilotCity = await buildCity(db, network, 'pilot', 'Dakar')
    const memberCity = await buildCity(db, network, 'member', 'Abidjan')
    const secretariat = await buildPerson(db, 'Claire Secretariat', [{ role: 'secretariat', on: network }])
    const pilot = await buildPerson(db, 'Aminata Pilot', [{ role: 'city_team', on: pilotCity, grantedBy: secretariat }])
    const people = {
      secretariat,
      pilot,
      colleague: await buildPerson(db, 'Ousmane Colleague', [{ role: 'city_team', on: pilotCity, grantedBy: pilot }]),
      member: await buildPerson(db, 'Koffi Member', [{ role: 'city_team', on: memberCity, grantedBy: secretariat }]),
      expert: await buildPerson(db, 'Sophie Expert', [{ role: 'expert', on: network, grantedBy: secretariat }]),
      advisory: await buildPerson(db, 'Jean Advisory', [{ role: 'advisory', on: network, grantedBy: secretariat }]),
      funder: await buildPerson(db, 'Marc Funder', [{ role: 'funder', on: network, grantedBy: secretariat }]),
      stranger: await buildPerson(db, 'Nadia Stranger'),
    }
    const as = {} as Record<keyof typeof people, Client>
    for (const [who, person] of Object.entries(people)) as[who as keyof typeof people] = await signIn(app, person)
    return { network, pilotCity, memberCity, people, as }
  }

  const grantsOf = async (person: Person) =>
    (await db.query<{ role: string }>('select role from role_grants where user_id = $1 order by role', [person.id])).map((r) => r.role)
  const networkRoles = async (client: Client, network: SpaceRef) =>
    (await client.get<MeResponse>('/api/me')).body.networks.find((n) => n.id === network.id)?.roles ?? []

  describe('POST /api/grants: giving an existing person a role is the secretariat’s', () => {
    it('the pilot city cannot make the funder a writer of the network (the issue’s case)', async () => {
      const { network, pilotCity, people, as } = await world()
      const res = await as.pilot.post('/api/grants', { userId: people.funder.id, role: 'city_team', space: pilotCity })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('needs_secretariat')
      expect(res.body.error.message).toMatch(/secretariat/)
      expect(await grantsOf(people.funder)).toEqual(['funder'])
      expect(await networkRoles(as.funder, network)).toEqual(['funder'])
    })

    it('nor can it promote someone with no role at all', async () => {
      const { pilotCity, people, as } = await world()
      const res = await as.pilot.post('/api/grants', { userId: people.stranger.id, role: 'city_team', space: pilotCity })
      expect(res.status).toBe(403)
      expect(await grantsOf(people.stranger)).toEqual([])
    })

    it('a funder, an expert, an adviser, a member city and an anonymous caller give no one anything', async () => {
      const { network, pilotCity, memberCity, people, as } = await world()
      const attempts: [Client, object][] = [
        [as.funder, { userId: people.funder.id, role: 'expert', space: network, expertKind: 'local' }],
        [as.funder, { userId: people.funder.id, role: 'city_team', space: pilotCity }],
        [as.expert, { userId: people.funder.id, role: 'advisory', space: network }],
        [as.expert, { userId: people.expert.id, role: 'secretariat', space: network }],
        [as.advisory, { userId: people.stranger.id, role: 'funder', space: network }],
        [as.member, { userId: people.funder.id, role: 'city_team', space: memberCity }],
        [as.member, { userId: people.member.id, role: 'city_team', space: pilotCity }],
        [as.pilot, { userId: people.pilot.id, role: 'secretariat', space: network }],
      ]
      for (const [client, body] of attempts) {
        const res = await client.post('/api/grants', body)
        expect(res.status, JSON.stringify(body)).toBe(403)
      }
      expect((await app.client().post('/api/grants', { userId: people.funder.id, role: 'city_team', space: pilotCity })).status).toBe(401)
      for (const who of ['funder', 'expert', 'advisory', 'member', 'stranger'] as const) {
        expect(await grantsOf(people[who]), who).toHaveLength(who === 'stranger' ? 0 : 1)
      }
    })

    it('the secretariat gives an existing person a role in its network or one of its cities', async () => {
      const { network, pilotCity, people, as } = await world()
      const res = await as.secretariat.post('/api/grants', { userId: people.funder.id, role: 'city_team', space: pilotCity })
      expect(res.status).toBe(201)
      expect(await networkRoles(as.funder, network)).toEqual(expect.arrayContaining(['funder', 'pilot_city']))
    })
    it('another network’s secretariat cannot raise someone’s rights in this network through a city both share', async () => {
      const { network, people, as } = await world()
      const elsewhere = await buildNetwork(db, 'Autre réseau')
      const shared = await buildCity(db, elsewhere, 'pilot', 'Cotonou')
      await upsertMembership(db, { networkId: network.id, cityId: shared.id, kind: 'member' })
      const otherSecretariat = await signIn(app, await buildPerson(db, 'Other Secretariat', [{ role: 'secretariat', on: elsewhere }]))
      const refused = await otherSecretariat.post('/api/grants', { userId: people.funder.id, role: 'city_team', space: shared })
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('needs_secretariat')
      expect(await grantsOf(people.funder)).toEqual(['funder'])
      // Someone who holds nothing in this network is theirs to bring into the city.
      expect((await otherSecretariat.post('/api/grants', { userId: people.stranger.id, role: 'city_team', space: shared })).status).toBe(201)
      // This network’s secretariat may.
      expect((await as.secretariat.post('/api/grants', { userId: people.funder.id, role: 'city_team', space: shared })).status).toBe(201)
    })
  })

  describe('accepting a city team’s invitation', () => {
    const invite = async (client: Client, space: SpaceRef) => {
      const res = await client.post('/api/invitations', { role: 'city_team', space })
      expect(res.status).toBe(201)
      return tokenOf(res.body.url)
    }

    it('someone who already holds a role in the city’s network is refused, and the link stays unused', async () => {
      const { network, pilotCity, people, as } = await world()
      const token = await invite(as.pilot, pilotCity)
      for (const who of ['funder', 'expert', 'advisory', 'member', 'secretariat'] as const) {
        const res = await as[who].post(`/api/invitations/${token}/accept`, {})
        expect(res.status, who).toBe(403)
        expect(res.body.error.code).toBe('needs_secretariat')
        expect(res.body.error.message).toMatch(/secretariat/)
      }
      expect(await grantsOf(people.funder)).toEqual(['funder'])
      expect(await networkRoles(as.funder, network)).toEqual(['funder'])
      expect((await app.client().get(`/api/invitations/${token}`)).status).toBe(200)
      // The link still brings in a new colleague.
      const newcomer = app.client()
      const created = await newcomer.post(`/api/invitations/${token}/accept`, {
        name: 'Fatou Newcomer',
        email: `fatou.${driver}@example.org`,
        password: 'a long password',
      })
      expect(created.status).toBe(200)
      expect(created.body.networks[0].roles).toEqual(['pilot_city'])
    })

    it('an existing account with no role in the city’s networks joins as a colleague', async () => {
      const { pilotCity, people, as } = await world()
      const res = await as.stranger.post(`/api/invitations/${await invite(as.pilot, pilotCity)}/accept`, {})
      expect(res.status).toBe(200)
      expect(await grantsOf(people.stranger)).toEqual(['city_team'])
    })

    it('the same invitation made by the secretariat lets the funder join the team', async () => {
      const { network, pilotCity, as } = await world()
      const res = await as.funder.post(`/api/invitations/${await invite(as.secretariat, pilotCity)}/accept`, {})
      expect(res.status).toBe(200)
      expect(await networkRoles(as.funder, network)).toEqual(expect.arrayContaining(['funder', 'pilot_city']))
    })
  })

  describe('DELETE /api/grants/:id: taking a role back', () => {
    const grantOf = async (client: Client, space: SpaceRef, person: Person): Promise<PersonView> => {
      const path = space.type === 'network' ? `/api/networks/${space.id}` : `/api/cities/${space.id}`
      const res = await client.get<CityDetail | NetworkDetail>(path)
      return res.body.people.find((p) => p.user.id === person.id && p.space.id === space.id)!
    }

    it('a city team takes back a colleague it brought in, not one the secretariat gave', async () => {
      const { pilotCity, people, as } = await world()
      const byTeam = await grantOf(as.secretariat, pilotCity, people.colleague)
      const bySecretariat = await grantOf(as.secretariat, pilotCity, people.pilot)
      expect((await grantOf(as.colleague, pilotCity, people.pilot)).allowed).toEqual({ revoke: false })
      const refused = await as.colleague.delete(`/api/grants/${bySecretariat.grantId}`)
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('needs_secretariat')
      expect(refused.body.error.message).toMatch(/secretariat/)
      expect(await grantsOf(people.pilot)).toEqual(['city_team'])

      expect((await grantOf(as.pilot, pilotCity, people.colleague)).allowed).toEqual({ revoke: true })
      expect((await as.pilot.delete(`/api/grants/${byTeam.grantId}`)).status).toBe(204)
      expect(await grantsOf(people.colleague)).toEqual([])
    })

    it('a city team cannot take back the city’s last team role', async () => {
      const { memberCity, people, as } = await world()
      // Brought in by a colleague who has since left: not the secretariat’s grant, but the last one.
      const former = await buildPerson(db, 'Former Colleague')
      const last = await buildPerson(db, 'Last Member')
      const id = await giveRole(db, last, { role: 'city_team', on: memberCity, grantedBy: former })
      await db.query('delete from role_grants where user_id = $1', [people.member.id])
      const client = await signIn(app, last)
      expect((await grantOf(client, memberCity, last)).allowed).toEqual({ revoke: false })
      const res = await client.delete(`/api/grants/${id}`)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('needs_secretariat')
      expect(res.body.error.message).toMatch(/last/)
      expect(await grantsOf(last)).toEqual(['city_team'])
      // The secretariat may.
      expect((await as.secretariat.delete(`/api/grants/${id}`)).status).toBe(204)
    })

    it('a funder, an expert, an adviser, another city and an anonymous caller take nothing back', async () => {
      const { network, pilotCity, people, as } = await world()
      const colleague = await grantOf(as.secretariat, pilotCity, people.colleague)
      const funder = await grantOf(as.secretariat, network, people.funder)
      for (const client of [as.funder, as.expert, as.advisory, as.member, as.stranger]) {
        for (const grant of [colleague, funder]) expect((await client.delete(`/api/grants/${grant.grantId}`)).status).toBe(403)
      }
      expect((await as.pilot.delete(`/api/grants/${funder.grantId}`)).status).toBe(403)
      expect((await app.client().delete(`/api/grants/${colleague.grantId}`)).status).toBe(401)
      expect(await grantsOf(people.colleague)).toEqual(['city_team'])
      expect(await grantsOf(people.funder)).toEqual(['funder'])
    })

    it('the secretariat takes back any role in its network and its cities, and only there', async () => {
      const { network, pilotCity, people, as } = await world()
      const detail = (await as.secretariat.get<NetworkDetail>(`/api/networks/${network.id}`)).body
      // Everyone but the network's only secretariat (see below).
      expect(detail.people.filter((p) => !p.allowed.revoke).map((p) => p.user.id)).toEqual([people.secretariat.id])
      for (const person of [people.pilot, people.funder]) {
        const grant = await grantOf(as.secretariat, person === people.pilot ? pilotCity : network, person)
        expect((await as.secretariat.delete(`/api/grants/${grant.grantId}`)).status).toBe(204)
      }
      const elsewhere = await buildNetwork(db, 'Autre réseau')
      const otherCity = await buildCity(db, elsewhere, 'member', 'Tunis')
      const outsider = await buildPerson(db, 'Other Team')
      const id = await giveRole(db, outsider, { role: 'city_team', on: otherCity })
      expect((await as.secretariat.delete(`/api/grants/${id}`)).status).toBe(403)
    })

    it('the network’s last secretariat cannot be taken back, not even by itself; one of two can', async () => {
      const { network, people, as } = await world()
      const own = await grantOf(as.secretariat, network, people.secretariat)
      expect(own.allowed).toEqual({ revoke: false })
      const refused = await as.secretariat.delete<ApiErrorBody>(`/api/grants/${own.grantId}`)
      expect(refused.status).toBe(409)
      expect(refused.body.error.message).toMatch(/last secretariat/)
      expect(await grantsOf(people.secretariat)).toEqual(['secretariat'])

      await buildPerson(db, 'Second Secretariat', [{ role: 'secretariat', on: network }])
      expect((await grantOf(as.secretariat, network, people.secretariat)).allowed).toEqual({ revoke: true })
      expect((await as.secretariat.delete(`/api/grants/${own.grantId}`)).status).toBe(204)
      expect(await grantsOf(people.secretariat)).toEqual([])
    })

    it('the people lists offer “take back” only where it works', async () => {
      const { network, people, as } = await world()
      for (const who of ['funder', 'expert', 'advisory', 'member'] as const) {
        const detail = (await as[who].get<NetworkDetail>(`/api/networks/${network.id}`)).body
        expect(
          detail.people.filter((p) => p.allowed.revoke),
          who,
        ).toEqual([])
      }
      const pilotView = (await as.pilot.get<NetworkDetail>(`/api/networks/${network.id}`)).body
      expect(pilotView.people.filter((p) => p.allowed.revoke).map((p) => p.user.name)).toEqual([people.colleague.name])
    })
  })
})
