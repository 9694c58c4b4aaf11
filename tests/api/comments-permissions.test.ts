import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeResponse, ThreadView } from '../../shared/api'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { type Client, testApp } from '../helpers/app'
import { anchorIn } from '../helpers/comments'
import { buildCity, buildNetwork, buildPerson, buildWorld, signIn } from '../helpers/world'

/**
 * Who may do what with comments, through the REST API, written out by hand from the issue:
 * Y answered 2xx, . refused (403), - not applicable (they cannot have a thread of their own).
 * Every refusal is checked to have changed nothing.
 */
const COLUMNS = ['list', 'create', 'reply', 'edit own', 'edit other', 'delete own', 'delete other', 'resolve own', 'resolve other', 'reopen other'] as const
type Column = (typeof COLUMNS)[number]
type Person = 'secretariat' | 'pilot' | 'member' | 'expert' | 'advisory' | 'funder' | 'outsider'

const MATRIX: Record<'network' | 'city', Record<Person, string>> = {
  // A sheet of the network. The pilot city's team writes it; member cities, experts and the
  // advisory group comment; the funder reads.
  network: {
    secretariat: 'Y Y Y Y . Y Y Y Y Y',
    pilot: 'Y Y Y Y . Y . Y Y Y',
    member: 'Y Y Y Y . Y . Y . .',
    expert: 'Y Y Y Y . Y . Y . .',
    advisory: 'Y Y Y Y . Y . Y . .',
    funder: 'Y . . - . - . - . .',
    outsider: '. . . - . - . - . .',
  },
  // The pilot city's action plan: private to its team and the network's secretariat.
  city: {
    secretariat: 'Y Y Y Y . Y Y Y Y Y',
    pilot: 'Y Y Y Y . Y . Y Y Y',
    member: '. . . - . - . - . .',
    expert: '. . . - . - . - . .',
    advisory: '. . . - . - . - . .',
    funder: '. . . - . - . - . .',
    outsider: '. . . - . - . - . .',
  },
}

describe.each(DRIVERS)('the comments permission matrix on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  const as: Partial<Record<Person | 'networkOwner' | 'cityOwner', Client>> = {}
  const docs: Record<'network' | 'city', string> = { network: '', city: '' }

  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
    const world = await buildWorld(db)
    const { secretariat, pilot, member, expert, advisory, funder, other } = world.people
    // Someone with a role in a city of another network only, and a second person of the pilot city's team.
    const elsewhere = await buildCity(db, await buildNetwork(db, 'Other Network'), 'member', 'Elsewhere')
    const signedIn = {
      secretariat,
      pilot,
      member,
      expert,
      advisory,
      funder,
      outsider: await buildPerson(db, 'Oscar Outsider', [{ role: 'city_team', on: elsewhere }]),
      // Authors of the "other" threads: someone else who may comment there.
      networkOwner: other,
      cityOwner: await buildPerson(db, 'Pia Pilot', [{ role: 'city_team', on: world.cities.pilot }]),
    }
    for (const [who, person] of Object.entries(signedIn)) as[who as keyof typeof signedIn] = await signIn(app, person)
    docs.network = world.documents.network.id
    docs.city = world.documents.city.id
    expect((await as.outsider!.get<MeResponse>('/api/me')).body.cities.map((c) => c.name)).toEqual(['Elsewhere'])
  })
  afterAll(() => db.drop())

  const base = (space: 'network' | 'city') => `/api/documents/${docs[space]}/comments`
  const newThread = async (who: Client, space: 'network' | 'city', body: string) => {
    const res = await who.post<ThreadView>(base(space), { anchor: await anchorIn(db, docs[space]), body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body
  }
  const threadRow = async (id: string) =>
    (
      await db.query<{ resolved: boolean; deleted: boolean }>(
        `select resolved_at is not null as resolved, deleted_at is not null as deleted from comment_threads where id = $1`,
        [id],
      )
    )[0]!
  const commentRow = async (id: string) =>
    (await db.query<{ body: string; deleted: boolean }>(`select body, deleted_at is not null as deleted from comments where id = $1`, [id]))[0]!
  const totals = async () =>
    (
      await db.query<{ threads: number; comments: number }>(
        `select (select count(*)::int from comment_threads) as threads, (select count(*)::int from comments) as comments`,
      )
    )[0]!

  /** Does one cell; returns Y, . or -, having checked that a refusal changed nothing. */
  async function attempt(space: 'network' | 'city', person: Person, column: Column): Promise<string> {
    const me = as[person]!
    const owner = space === 'network' ? as.networkOwner! : as.cityOwner!
    const other = column.endsWith('other') ? await newThread(owner, space, `De quelqu’un d’autre (${person}, ${column})`) : null
    if (column === 'reopen other') expect((await owner.post(`${base(space)}/${other!.id}/resolve`)).status).toBe(200)
    let own: ThreadView | null = null
    if (column.endsWith('own')) {
      const res = await me.post<ThreadView>(base(space), { anchor: await anchorIn(db, docs[space]), body: `À moi (${column})` })
      if (res.status !== 201) return '-'
      own = res.body
    }
    const target = other ?? own
    const before = await totals()
    const commentId = target ? target.comments[0]!.id : ''
    let status: number
    switch (column) {
      case 'list':
        status = (await me.get(base(space))).status
        break
      case 'create':
        status = (await me.post(base(space), { anchor: await anchorIn(db, docs[space]), body: 'Nouveau fil' })).status
        if (status !== 201) expect(await totals()).toEqual(before)
        break
      case 'reply': {
        const thread = await newThread(owner, space, 'Fil où répondre')
        const counted = await totals()
        status = (await me.post(`${base(space)}/${thread.id}/replies`, { body: 'Ma réponse' })).status
        if (status !== 201) expect(await totals()).toEqual(counted)
        break
      }
      case 'edit own':
      case 'edit other':
        status = (await me.patch(`${base(space)}/${target!.id}/comments/${commentId}`, { body: 'Réécrit' })).status
        if (status !== 200) expect((await commentRow(commentId)).body).not.toBe('Réécrit')
        break
      case 'delete own':
      case 'delete other':
        status = (await me.delete(`${base(space)}/${target!.id}/comments/${commentId}`)).status
        if (status !== 204) expect(await commentRow(commentId)).toMatchObject({ deleted: false })
        break
      case 'resolve own':
      case 'resolve other':
        status = (await me.post(`${base(space)}/${target!.id}/resolve`)).status
        expect((await threadRow(target!.id)).resolved).toBe(status === 200)
        break
      case 'reopen other':
        status = (await me.post(`${base(space)}/${target!.id}/reopen`)).status
        expect((await threadRow(target!.id)).resolved).toBe(status !== 200)
        break
    }
    if (status >= 200 && status < 300) return 'Y'
    expect(status, `${person} ${column}`).toBe(403)
    return '.'
  }

  for (const space of ['network', 'city'] as const) {
    for (const [person, row] of Object.entries(MATRIX[space]) as [Person, string][]) {
      it(`${person} on a ${space} document: ${row}`, async () => {
        const got: string[] = []
        for (const column of COLUMNS) got.push(await attempt(space, person, column))
        expect(got.join(' ')).toBe(row)
      })
    }
  }
})
