import { randomBytes } from 'node:crypto'
import { hashPassword } from '../../server/auth/passwords'
import { addGrant } from '../../server/data/grants'
import { createUser } from '../../server/data/users'
import { createCity, createNetwork, upsertMembership } from '../../server/data/workspace'
import type { Queryable } from '../../server/db/db'
import type { ExpertKind, GrantRole, MembershipKind, SpaceRef } from '../../shared/domain'
import type { Client, testApp } from './app'
import { createDocumentFromTemplate } from '../../server/commands/create-document'
import type { DocumentKind } from '../../shared/templates'

/** Small workspaces a test file builds for itself, instead of the demonstration network. */

export const PASSWORD = 'a long password'
let passwordHash: Promise<string> | undefined
/** One hash for every built person: argon2id is slow on purpose. */
const hashOnce = (): Promise<string> => {
  passwordHash ??= hashPassword(PASSWORD)
  return passwordHash
}

export type Person = { id: string; name: string; email: string }

export async function buildNetwork(q: Queryable, name = 'Réseau Espaces publics'): Promise<SpaceRef> {
  return { type: 'network', id: (await createNetwork(q, { name })).id }
}

export type MembershipDates = { selectedOn?: string | null; confirmedOn?: string | null; startedOn?: string | null }

/** A city of the network, as its pilot or a member (dates YYYY-MM-DD, none unless given). */
export async function buildCity(q: Queryable, network: SpaceRef, kind: MembershipKind, name: string, dates: MembershipDates = {}): Promise<SpaceRef> {
  const city = await createCity(q, { name })
  await upsertMembership(q, { networkId: network.id, cityId: city.id, kind, ...dates })
  return { type: 'city', id: city.id }
}

export type RoleOn = { role: GrantRole; on: SpaceRef; expertKind?: ExpertKind; grantedBy?: Person }

/** Someone with an account (password PASSWORD) and these roles; a unique e-mail from their name. */
export async function buildPerson(q: Queryable, name: string, roles: RoleOn[] = []): Promise<Person> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomBytes(3).toString('hex')}@example.org`
  const user = await createUser(q, { email, name, passwordHash: await hashOnce() })
  for (const r of roles) await giveRole(q, user, r)
  return { id: user.id, name, email }
}

export async function giveRole(q: Queryable, person: Person, r: RoleOn): Promise<string> {
  return addGrant(q, {
    userId: person.id,
    role: r.role,
    space: r.on,
    expertKind: r.expertKind ?? (r.role === 'expert' ? 'international' : null),
    grantedBy: r.grantedBy?.id,
  })
}

export async function signIn(app: ReturnType<typeof testApp>, person: Person): Promise<Client> {
  const client = app.client()
  await client.login(person.email, PASSWORD)
  return client
}

export type BuiltDocument = { id: string; title: string; space: SpaceRef }

/** A document of the space, from its kind's template (as the API creates one), with a unique title unless given. */
export async function buildDocument(
  q: Queryable,
  space: SpaceRef,
  d: { kind?: DocumentKind; title?: string; by?: Person; locale?: 'fr' | 'en' | 'es' } = {},
): Promise<BuiltDocument> {
  const title = d.title ?? `Document ${randomBytes(3).toString('hex')}`
  const doc = await createDocumentFromTemplate(q, { space, kind: d.kind ?? 'action_plan', title, locale: d.locale ?? 'fr', createdBy: d.by?.id ?? null })
  return { id: doc.id, title, space }
}

/** The names a world is built with: test data, nothing like the demonstration network's. */
export const WORLD = {
  network: 'Test Network',
  cities: { pilot: 'Pilot City', member: 'Member City', other: 'Other City' },
  documents: { network: 'Network Sheet', city: 'Pilot City Plan' },
} as const

export type World = {
  network: SpaceRef
  cities: { pilot: SpaceRef; member: SpaceRef; other: SpaceRef }
  /** One person per role of the network, each a city team's or holding one role on the network. */
  people: { secretariat: Person; pilot: Person; member: Person; other: Person; expert: Person; advisory: Person; funder: Person }
  /** A network document the secretariat created, and an action plan the pilot city's team created in its city. */
  documents: { network: BuiltDocument; city: BuiltDocument }
}

/**
 * A small network as most tests need one: its secretariat, a pilot city and two member cities
 * with a team each, an (international) expert, an advisory member and a funder, and two documents
 * in French. Each call builds a new one, with new people.
 */
export async function buildWorld(q: Queryable): Promise<World> {
  const network = await buildNetwork(q, WORLD.network)
  const cities = {
    pilot: await buildCity(q, network, 'pilot', WORLD.cities.pilot),
    member: await buildCity(q, network, 'member', WORLD.cities.member),
    other: await buildCity(q, network, 'member', WORLD.cities.other),
  }
  const people = {
    secretariat: await buildPerson(q, 'Sam Secretariat', [{ role: 'secretariat', on: network }]),
    pilot: await buildPerson(q, 'Pat Pilot', [{ role: 'city_team', on: cities.pilot }]),
    member: await buildPerson(q, 'Max Member', [{ role: 'city_team', on: cities.member }]),
    other: await buildPerson(q, 'Olga Other', [{ role: 'city_team', on: cities.other }]),
    expert: await buildPerson(q, 'Eva Expert', [{ role: 'expert', on: network }]),
    advisory: await buildPerson(q, 'Ada Advisory', [{ role: 'advisory', on: network }]),
    funder: await buildPerson(q, 'Fred Funder', [{ role: 'funder', on: network }]),
  }
  const documents = {
    network: await buildDocument(q, network, { kind: 'network_constitution', title: WORLD.documents.network, by: people.secretariat }),
    city: await buildDocument(q, cities.pilot, { kind: 'action_plan', title: WORLD.documents.city, by: people.pilot }),
  }
  return { network, cities, people, documents }
}

/** Each person of a cast signed in on the in-process app, under the same names. */
export async function signInAll<K extends string>(app: ReturnType<typeof testApp>, people: Record<K, Person>): Promise<Record<K, Client>> {
  const clients = {} as Record<K, Client>
  for (const [who, person] of Object.entries(people) as [K, Person][]) clients[who] = await signIn(app, person)
  return clients
}
