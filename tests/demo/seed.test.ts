import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LOGINS, seedDemo } from '../../server/demo/seed'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { testApp } from '../helpers/app'

const counts = async (db: TestDb) =>
  (
    await db.query<{ users: number; networks: number; cities: number; documents: number; grants: number }>(
      `select (select count(*)::int from users) as users, (select count(*)::int from networks) as networks,
       (select count(*)::int from cities) as cities, (select count(*)::int from documents) as documents,
       (select count(*)::int from role_grants) as grants`,
    )
  )[0]!

describe.each(DRIVERS)('the demonstration network on %s', (driver) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  it('is seeded once, however many times (and however concurrently) it is asked', async () => {
    const results = await Promise.all([seedDemo(db, 'demo-password-1'), seedDemo(db, 'demo-password-1')])
    expect(results.sort()).toEqual([false, true])
    const first = await counts(db)
    expect(first).toEqual({ users: 9, networks: 1, cities: 4, documents: 8, grants: 9 })
    expect(await seedDemo(db, 'demo-password-1')).toBe(false)
    expect(await counts(db)).toEqual(first)
  })

  it('has the documented logins with the documented roles', async () => {
    const { client } = testApp(db)
    const roles: Record<string, string[]> = {}
    for (const email of Object.values(DEMO_LOGINS)) {
      const c = client()
      const me = await c.login(email, 'demo-password-1')
      roles[email] = me.networks[0].roles
    }
    expect(roles).toEqual({
      'secretariat@demo.atelier': ['secretariat'],
      'pilote@demo.atelier': ['pilot_city'],
      'experte@demo.atelier': ['expert'],
      'financeur@demo.atelier': ['funder'],
    })
  })

  it('is in French, with a pilot city, three member cities and documents from templates', async () => {
    const cities = await db.query<{ kind: string }>(`select kind from memberships`)
    expect(cities.filter((c) => c.kind === 'pilot')).toHaveLength(1)
    expect(cities.filter((c) => c.kind === 'member').length).toBeGreaterThanOrEqual(3)
    const docs = await db.query<{ title: string; locale: string }>(`select title, locale from documents`)
    expect(docs.every((d) => d.locale === 'fr')).toBe(true)
    expect(docs.map((d) => d.title)).toContain('Plan d’action — Dakar')
    const roles = await db.query<{ role: string }>(`select distinct role from role_grants order by role`)
    expect(roles.map((r) => r.role)).toEqual(['advisory', 'city_team', 'expert', 'funder', 'secretariat'])
  })
})
