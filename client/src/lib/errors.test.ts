import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../shared/errors'
import { ApiError } from '../api/client'
import en from '../i18n/en'
import es from '../i18n/es'
import fr from '../i18n/fr'
import { describeError, ERROR_MESSAGE_KEYS, minutesToWait } from './errors'

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
}

describe('error messages', () => {
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

  it('says how many minutes to wait when rate limited', () => {
    expect(describeError(new ApiError('rate_limited', 429, 'x', [], 61))).toEqual({
      key: 'errors.rate_limited',
      values: { minutes: 2 },
    })
    expect(fr.errors.rate_limited).toBe('Trop de tentatives de connexion. Réessayez dans {{minutes}} min.')
  })

  it('rounds the wait up to whole minutes, at least one', () => {
    expect(minutesToWait(undefined)).toBe(1)
    expect(minutesToWait(0)).toBe(1)
    expect(minutesToWait(5)).toBe(1)
    expect(minutesToWait(60)).toBe(1)
    expect(minutesToWait(900)).toBe(15)
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
