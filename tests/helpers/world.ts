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

/** A city of the network, as its pilot or a member. */
export async function buildCity(q: Queryable, network: SpaceRef, kind: MembershipKind, name: string): Promise<SpaceRef> {
  const city = await createCity(q, { name })
  await upsertMembership(q, { networkId: network.id, cityId: city.id, kind })
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
