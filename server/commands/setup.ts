import type { Db } from '../db/db'
import { countUsers, createUser, lockFirstRun } from '../data/users'
import { ApiError } from '../errors'
import type { TemplateLocale } from '../../shared/templates'
import { startNetwork } from './networks'

/** First run: the first account, the secretariat of a first network; refused once any account exists. Returns the account's id. */
export function setUpAtelier(
  db: Db,
  input: { name: string; email: string; passwordHash: string; locale: TemplateLocale; networkName: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    await lockFirstRun(tx)
    if ((await countUsers(tx)) > 0) throw new ApiError('setup_done', 'Atelier is already set up; sign in instead')
    const user = await createUser(tx, { email: input.email, name: input.name, passwordHash: input.passwordHash, locale: input.locale })
    await startNetwork(tx, user.id, { name: input.networkName })
    return user.id
  })
}
