import { beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../shared/errors'
import { ApiError } from '../api/client'
import en from '../i18n/en'
import es from '../i18n/es'
import fr from '../i18n/fr'
import i18n, { loadLocale } from '../i18n'
import { describeError, ERROR_MESSAGE_KEYS, waitMessage } from './errors'

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
}

describe('error messages', () => {
  beforeAll(() => Promise.all([loadLocale('fr'), loadLocale('en'), loadLocale('es')]))

  it('translates every API error code, in French, English and Spanish', () => {
    for (const code of ERROR_CODES) {
      const key = ERROR_MESSAGE_KEYS[code]
      expect(key, code).toBe(`errors.${code}`)
      expect(typeof lookup(fr, key), `fr ${key}`).toBe('string')
      expect(typeof lookup(en, key), `en ${key}`).toBe('string')
      expect(typeof lookup(es, key), `es ${key}`).toBe('string')
    }
  })

  it('translates the client-side network failure too', () => {
    expect(lookup(fr, ERROR_MESSAGE_KEYS.network)).toMatch(/connexion/i)
  })

  it('never uses the server’s English message', () => {
    const error = new ApiError('forbidden', 403, 'You do not have permission to do this')
    expect(describeError(error)).toEqual({ key: 'errors.forbidden' })
  })

  it('says how long to wait when rate limited: seconds under a minute, else whole minutes', () => {
    expect(describeError(new ApiError('rate_limited', 429, 'x', [], 4))).toEqual({ key: 'errors.rate_limited_seconds', values: { seconds: 4 } })
    expect(describeError(new ApiError('rate_limited', 429, 'x', [], 61))).toEqual({ key: 'errors.rate_limited', values: { minutes: 2 } })
    expect(waitMessage(1)).toEqual({ key: 'errors.rate_limited_seconds', values: { seconds: 1 } })
    expect(waitMessage(59)).toEqual({ key: 'errors.rate_limited_seconds', values: { seconds: 59 } })
    expect(waitMessage(59.2)).toEqual({ key: 'errors.rate_limited', values: { minutes: 1 } })
    expect(waitMessage(60)).toEqual({ key: 'errors.rate_limited', values: { minutes: 1 } })
    expect(waitMessage(900)).toEqual({ key: 'errors.rate_limited', values: { minutes: 15 } })
    // No usable wait (a proxy's 429): a minute is a safe thing to say.
    for (const unknown of [undefined, 0, Number.NaN]) expect(waitMessage(unknown)).toEqual({ key: 'errors.rate_limited', values: { minutes: 1 } })
  })

  it('words the wait as each language does, singular and plural', () => {
    const say = (lng: string, m: ReturnType<typeof waitMessage>) => i18n.t(m.key, { lng, ...m.values })
    expect(say('fr', waitMessage(1))).toBe('Trop de tentatives de connexion. Réessayez dans 1 seconde.')
    expect(say('fr', waitMessage(30))).toBe('Trop de tentatives de connexion. Réessayez dans 30 secondes.')
    expect(say('fr', waitMessage(900))).toBe('Trop de tentatives de connexion. Réessayez dans 15 minutes.')
    expect(say('en', waitMessage(60))).toBe('Too many sign-in attempts. Try again in 1 minute.')
    expect(say('en', waitMessage(2))).toBe('Too many sign-in attempts. Try again in 2 seconds.')
    expect(say('es', waitMessage(120))).toBe('Demasiados intentos de inicio de sesión. Vuelva a intentarlo dentro de 2 minutos.')
  })

  it('lets a screen be more precise for a code', () => {
    const error = new ApiError('link_expired', 410, 'expired')
    expect(describeError(error, { link_expired: 'reset.expired' })).toEqual({ key: 'reset.expired' })
  })

  it('explains anything that is not an API error as an internal error', () => {
    expect(describeError(new TypeError('boom'))).toEqual({ key: 'errors.internal' })
    expect(describeError('nope')).toEqual({ key: 'errors.internal' })
  })
})
