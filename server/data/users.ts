import type { Queryable } from '../db/db'
import type { TemplateLocale } from '../../shared/templates'

export type User = { id: string; email: string; name: string; locale: TemplateLocale }
export type UserRow = User & { passwordHash: string }

const COLUMNS = `id, email, name, locale, password_hash as "passwordHash"`

/** Held until the transaction ends: two first-run setups at once take turns (the second then sees the first's account). */
export async function lockFirstRun(tx: Queryable): Promise<void> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('atelier:setup'))`)
}

export async function countUsers(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('select count(*)::int as n from users')
  return row!.n
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const rows = await q.query<UserRow>(`select ${COLUMNS} from users where lower(email) = lower($1)`, [email])
  return rows[0] ?? null
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const rows = await q.query<UserRow>(`select ${COLUMNS} from users where id = $1`, [id])
  return rows[0] ?? null
}

export async function createUser(q: Queryable, u: { email: string; name: string; passwordHash: string; locale?: string }): Promise<User> {
  const [row] = await q.query<User>(
    `insert into users (email, name, password_hash, locale) values ($1, $2, $3, $4)
     returning id, email, name, locale`,
    [u.email, u.name, u.passwordHash, u.locale ?? 'fr'],
  )
  return row!
}

export async function updateUser(q: Queryable, id: string, patch: { name?: string; locale?: string }): Promise<void> {
  await q.query(`update users set name = coalesce($2, name), locale = coalesce($3, locale) where id = $1`, [id, patch.name ?? null, patch.locale ?? null])
}

export async function setPassword(q: Queryable, id: string, passwordHash: string): Promise<void> {
  await q.query('update users set password_hash = $2 where id = $1', [id, passwordHash])
}
