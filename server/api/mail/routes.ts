import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { getPreferences, knownTimeZone, setPreferences, userByMailToken } from '../../data/mail-preferences'
import { ApiError } from '../../errors'
import { validate } from '../validate'
import type { MailPreferences, MailTopic } from '../../../shared/api'
import { mailPreferencesBody, unsubscribeBody } from '../../../shared/schemas'

async function present(c: Context<AppEnv>, userId: string): Promise<MailPreferences> {
  return { enabled: c.var.deps.mail.enabled, ...(await getPreferences(c.var.deps.db, userId)) }
}

/** `/api/me/mail`: what the caller receives by mail, per topic, and their time zone (for the digest's morning). */
export const mailPreferenceRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await present(c, requireIdentity(c).user.id)))
  .put('/', validate('json', mailPreferencesBody), async (c) => {
    const { user } = requireIdentity(c)
    const body = c.req.valid('json')
    if (body.timeZone && !(await knownTimeZone(c.var.deps.db, body.timeZone))) {
      throw new ApiError('invalid_input', 'This time zone is not one the server knows', { fields: [{ path: 'timeZone', message: 'unknown time zone' }] })
    }
    await setPreferences(c.var.deps.db, user.id, body)
    return c.json(await present(c, user.id))
  })

/** Stops the topic for the person whose token the link holds (it is only ever in their mails); false for an unknown token. */
async function stop(c: Context<AppEnv>, token: string, topic: MailTopic): Promise<boolean> {
  const userId = await userByMailToken(c.var.deps.db, token)
  if (!userId) return false
  await setPreferences(c.var.deps.db, userId, { topics: { [topic]: 'never' } })
  return true
}

/** `POST /api/mail/unsubscribe` `{ token, topic }`: the page a mail's unsubscribe link opens asks for it. */
export const unsubscribeRoutes = new Hono<AppEnv>().post('/', validate('json', unsubscribeBody), async (c) => {
  const { token, topic } = c.req.valid('json')
  if (!(await stop(c, token, topic))) throw new ApiError('link_invalid', 'This unsubscribe link is not valid')
  return c.body(null, 204)
})

/**
 * `POST /mail/unsubscribe/:token/:topic`, outside the API: a mail client's one-click unsubscribe
 * (RFC 8058) posts `List-Unsubscribe=One-Click` as a form, from no page of ours, with no cookie.
 */
export const oneClickUnsubscribe = new Hono<AppEnv>().post('/:token/:topic', async (c) => {
  // The same shapes as the page's request: a token from a mail, a known topic.
  const link = unsubscribeBody.safeParse(c.req.param())
  if (!link.success || !(await stop(c, link.data.token, link.data.topic))) return c.text('Not an unsubscribe link', 404)
  return c.text('Unsubscribed')
})
