import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core'
import type { DocumentSummary, LinkResponse, MeResponse, NetworkDetail } from '../../shared/api'
import type { ExpertKind, GrantRole, MembershipKind, NetworkStatus } from '../../shared/domain'
import type { DocumentKind } from '../../shared/templates'
import { afterAll, beforeAll, onTestFinished } from 'vitest'
import { launchBrowser, openDocument, signIn, startAppServer, type AppServer } from './harness'

/**
 * What a browser test file works on, built on its own fresh server through the HTTP API, as
 * the people would through the screens: the first-run setup makes the secretariat and its
 * network, the secretariat brings the cities in and invites everyone else, who accept their
 * links with a name and a password; documents are created by whoever may. The names are
 * plainly a test's, not the demonstration network's.
 */

/** Every built person's password. */
const PASSWORD = 'mot de passe d’essai'

export type Person = { name: string; email: string; password: string }
export type Space = { type: 'network' | 'city'; id: string; name: string }
export type Doc = { id: string; title: string }
export type Role = { role: GrantRole; on: Space; expertKind?: ExpertKind }

export type CitySpec = {
  name: string
  country: string
  languages: string[]
  kind: MembershipKind
  selectedOn?: string
  confirmedOn?: string
  startedOn?: string
}

export type World = {
  network: Space & { theme: string }
  /**
   * The pilot city; a member city; one selected long ago and not started; and one more member.
   * Each name starts with a consonant, so that the screens' French says « de X », never « d’X ».
   */
  cities: Record<'pilot' | 'member' | 'late' | 'other', Space>
  /** Each city's team (one person each), the secretariat, the network's experts, adviser and funder. */
  people: Record<'secretariat' | 'pilot' | 'member' | 'late' | 'other' | 'expert' | 'localExpert' | 'adviser' | 'funder', Person>
  /**
   * A network thematic sheet, the pilot city's action plan and experimentation log, and the
   * member city's own study: to be read; a test that writes creates a document of its own.
   */
  documents: Record<'sheet' | 'plan' | 'log' | 'study', Doc>
}

const person = (name: string, login: string): Person => ({ name, email: `${login}@essai.example`, password: PASSWORD })

/** A fresh browser context signed in as `person` through the sign-in page, on the home screen. */
export const signInPage = (browser: Browser, server: AppServer, person: Person): Promise<Page> => signIn(browser, server, person.email, person.password)

/** Within a test: `person` signed in, in a browser context of their own that closes when the test ends, on the document. */
export async function openAs(browser: Browser, server: AppServer, person: Person, title: string): Promise<Page> {
  const page = await signInPage(browser, server, person)
  onTestFinished(() => page.context().close())
  await openDocument(page, title)
  return page
}

/** The world, on a fresh server where no account exists yet. */
export async function buildWorld(server: AppServer): Promise<World> {
  const secretariat = person('Sam Secrétariat', 'secretariat')
  const me = await withClient(server, (guest) =>
    guest.post<MeResponse>('/api/setup', {
      name: secretariat.name,
      email: secretariat.email,
      password: secretariat.password,
      networkName: 'Réseau d’essai — Places publiques',
    }),
  )
  const network = { type: 'network' as const, ...me.networks[0]!, theme: 'Des places d’essai sûres et accessibles' }

  return withApi(server, secretariat, async (api) => {
    await api.send('PATCH', `/api/networks/${network.id}`, {
      theme: network.theme,
      description: 'Le réseau qu’un test du navigateur construit pour lui-même.',
      status: 'active',
    })
    const [pilot, member, late, other] = await addCities(api, network, [
      {
        name: 'Kappaville',
        country: 'Pays d’essai',
        languages: ['fr', 'wo'],
        kind: 'pilot',
        selectedOn: '2026-01-12',
        confirmedOn: '2026-02-02',
        startedOn: '2026-03-16',
      },
      {
        name: 'Betaville',
        country: 'Pays d’essai',
        languages: ['fr'],
        kind: 'member',
        selectedOn: '2026-01-12',
        confirmedOn: '2026-02-20',
        startedOn: '2026-03-16',
      },
      // Selected long ago and not started: the network screen flags the gap.
      { name: 'Gammaville', country: 'Pays d’essai', languages: ['fr'], kind: 'member', selectedOn: '2026-01-12' },
      {
        name: 'Deltaville',
        country: 'Pays d’essai',
        languages: ['ar', 'fr'],
        kind: 'member',
        selectedOn: '2026-01-12',
        confirmedOn: '2026-03-05',
        startedOn: '2026-04-01',
      },
    ])
    const cities = { pilot: pilot!, member: member!, late: late!, other: other! }
    const people = {
      secretariat,
      pilot: await invite(api, person('Paula Pilote', 'pilote'), { role: 'city_team', on: cities.pilot }),
      member: await invite(api, person('Mehdi Membre', 'membre'), { role: 'city_team', on: cities.member }),
      late: await invite(api, person('Tom Tardif', 'tardif'), { role: 'city_team', on: cities.late }),
      other: await invite(api, person('Dina Delta', 'delta'), { role: 'city_team', on: cities.other }),
      expert: await invite(api, person('Iris Internationale', 'experte'), { role: 'expert', on: network, expertKind: 'international' }),
      localExpert: await invite(api, person('Loïc Local', 'expert.local'), { role: 'expert', on: network, expertKind: 'local' }),
      adviser: await invite(api, person('Carla Conseil', 'conseil'), { role: 'advisory', on: network }),
      funder: await invite(api, person('Fabien Financeur', 'financeur'), { role: 'funder', on: network }),
    }
    const documents = {
      sheet: await createDocument(server, secretariat, network, 'thematic_sheet', 'Fiche thématique — essai'),
      plan: await createDocument(server, people.pilot, cities.pilot, 'action_plan', `Plan d’action — ${cities.pilot.name}`),
      log: await createDocument(server, people.pilot, cities.pilot, 'experimentation_log', `Journal d’expérimentation — ${cities.pilot.name}`),
      study: await createDocument(server, people.member, cities.member, 'baseline_study', `Étude de contexte — ${cities.member.name}`),
    }
    return { network, cities, people, documents }
  })
}

/**
 * A further network, started by a secretariat (who runs it too, as the API does), with its
 * cities; `by` may then invite a secretariat of its own with `invitePerson`.
 */
export async function buildNetwork(
  server: AppServer,
  by: Person,
  spec: { name: string; theme?: string; status?: NetworkStatus; cities: CitySpec[] },
): Promise<{ network: Space; cities: Space[] }> {
  return withApi(server, by, async (api) => {
    const { cities: specs, ...fields } = spec
    const detail = await api.send<NetworkDetail>('POST', '/api/networks', fields)
    const network: Space = { type: 'network', id: detail.id, name: detail.name }
    return { network, cities: await addCities(api, network, specs) }
  })
}

/** `by` invites someone new to a role; they accept the link with their name and password. */
export async function invitePerson(server: AppServer, by: Person, who: { name: string; login: string }, role: Role): Promise<Person> {
  return withApi(server, by, (api) => invite(api, person(who.name, who.login), role))
}

/** The secretariat gives someone who already has an account a further role, as its dialog does. */
export async function giveRole(server: AppServer, world: World, to: Person, role: Role): Promise<void> {
  await withApi(server, world.people.secretariat, async (api) => {
    const network = await api.send<NetworkDetail>('GET', `/api/networks/${world.network.id}`)
    const userId = network.people.find((p) => p.user.email === to.email)!.user.id
    await api.send('POST', '/api/grants', { userId, role: role.role, expertKind: role.expertKind, space: ref(role.on) })
  })
}

/**
 * A new document of the space, from its kind's template, created by `by`. Screens find documents
 * by title: give each one a title that no other of the file contains.
 */
export async function createDocument(server: AppServer, by: Person, space: Space, kind: DocumentKind, title: string): Promise<Doc> {
  return withApi(server, by, async (api) => {
    const doc = await api.send<DocumentSummary>('POST', '/api/documents', { space: ref(space), kind, title, locale: 'fr' })
    return { id: doc.id, title: doc.title }
  })
}

/** One person's session on the API: their cookie, and the Origin that the CSRF check asks of changes. */
export type Api = {
  server: AppServer
  /** The response's body; anything but a success throws, with what the server said. */
  send<T = unknown>(method: string, path: string, data?: unknown): Promise<T>
  post<T = unknown>(path: string, data?: unknown): Promise<T>
}

/** Runs `act` on a new API client, signed out until it signs in, then ends the client. */
async function withClient<T>(server: AppServer, act: (api: Api) => Promise<T>): Promise<T> {
  const context: APIRequestContext = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } })
  const send = async <R>(method: string, path: string, data?: unknown): Promise<R> => {
    const res = await context.fetch(path, { method, data })
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`)
    return (res.status() === 204 ? undefined : await res.json()) as R
  }
  try {
    return await act({ server, send, post: (path, data) => send('POST', path, data) })
  } finally {
    await context.dispose()
  }
}

/** Runs `act` signed in as `person` on the API. */
export function withApi<T>(server: AppServer, person: Person, act: (api: Api) => Promise<T>): Promise<T> {
  return withClient(server, async (api) => {
    await api.post('/api/auth/login', { email: person.email, password: person.password })
    return act(api)
  })
}

async function addCities(api: Api, network: Space, specs: CitySpec[]): Promise<Space[]> {
  const cities: Space[] = []
  for (const { name, country, languages, ...membership } of specs) {
    const detail = await api.post<NetworkDetail>(`/api/networks/${network.id}/cities`, { city: { name, country, languages }, ...membership })
    const added = detail.memberships.find((m) => m.city.name === name)!
    cities.push({ type: 'city', id: added.city.id, name })
  }
  return cities
}

async function invite(api: Api, who: Person, role: Role): Promise<Person> {
  const link = await api.post<LinkResponse>('/api/invitations', { role: role.role, expertKind: role.expertKind, space: ref(role.on), email: who.email })
  const token = new URL(link.url).pathname.split('/').pop()!
  // The link is opened signed out: accepting it creates the account.
  await withClient(api.server, (guest) => guest.post(`/api/invitations/${token}/accept`, { name: who.name, email: who.email, password: who.password }))
  return who
}

const ref = (space: Space) => ({ type: space.type, id: space.id })

/**
 * The usual file's setting: a browser, a server of the file's own, and the world built on it,
 * handed to `take` before the file's tests run; the server and the browser go after them.
 */
export function setUpBrowserWorld(take: (setting: { browser: Browser; server: AppServer; world: World }) => void): void {
  let browser: Browser | undefined
  let server: AppServer | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startAppServer()
    take({ browser, server, world: await buildWorld(server) })
  })
  afterAll(async () => {
    await server?.stop()
    await browser?.close()
  })
}
