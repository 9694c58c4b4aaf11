import { describe, expect, it } from 'vitest'
import { acceptInvitationBody, addCityBody, createDocumentBody, loginBody, setupBody } from '../../../shared/schemas'
import { fieldErrorsFromServer, serverFieldMessage, validate } from './forms'

describe('validate with the shared schemas', () => {
  it('returns the parsed body when valid', () => {
    const result = validate(loginBody, { email: '  Ana@Ville.ORG ', password: 'secret' })
    expect(result).toEqual({ ok: true, data: { email: 'ana@ville.org', password: 'secret' } })
  })

  it('says which fields are missing', () => {
    const result = validate(loginBody, { email: '', password: '' })
    expect(result).toEqual({
      ok: false,
      errors: { email: { key: 'validation.required' }, password: { key: 'validation.required' } },
    })
  })

  it('explains a bad e-mail and a short password', () => {
    const result = validate(setupBody, { name: 'Ana', email: 'ana@', password: 'short', networkName: 'Réseau', locale: 'fr' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.email).toEqual({ key: 'validation.email' })
    expect(result.errors.password).toEqual({ key: 'validation.tooShort', values: { min: 10 } })
    expect(result.errors.name).toBeUndefined()
  })

  it('treats a blank name (spaces only) as missing', () => {
    const result = validate(setupBody, { name: '   ', email: 'a@b.org', password: '0123456789', networkName: 'R', locale: 'fr' })
    expect(result.ok ? null : result.errors).toEqual({ name: { key: 'validation.required' } })
  })

  it('requires every field when accepting an invitation with a new account', () => {
    const result = validate(acceptInvitationBody.required(), { name: 'Ana', email: '', password: '0123456789' })
    expect(result.ok ? null : result.errors).toEqual({ email: { key: 'validation.required' } })
  })

  it('checks the length of a title', () => {
    const space = { type: 'network', id: '7a0b5b8e-2c1f-4a51-9a3c-3f1d2b6c9e10' }
    const result = validate(createDocumentBody, { space, kind: 'action_plan', title: 'x'.repeat(201), locale: 'fr' })
    expect(result.ok ? null : result.errors).toEqual({ title: { key: 'validation.tooLong', values: { max: 200 } } })
  })

  it('explains a wrong language code and a wrong date, inside a nested city', () => {
    const result = validate(addCityBody, { city: { name: 'Lomé', languages: ['fr', 'éwé'] }, kind: 'member', selectedOn: '01/10/2026' })
    expect(result.ok ? null : result.errors).toEqual({
      'city.languages.1': { key: 'validation.languageCode' },
      selectedOn: { key: 'validation.date' },
    })
  })
})

describe('server field errors', () => {
  it('translates the messages of the shared schemas', () => {
    expect(serverFieldMessage('required')).toEqual({ key: 'validation.required' })
    expect(serverFieldMessage('at least 10 characters')).toEqual({ key: 'validation.tooShort', values: { min: 10 } })
    expect(serverFieldMessage('at most 200 characters')).toEqual({ key: 'validation.tooLong', values: { max: 200 } })
    expect(serverFieldMessage('not a valid e-mail address')).toEqual({ key: 'validation.email' })
    expect(serverFieldMessage('Invalid input: expected string, received number')).toEqual({ key: 'validation.invalid' })
    expect(serverFieldMessage('expected a language code such as fr or pt-BR')).toEqual({ key: 'validation.languageCode' })
    expect(serverFieldMessage('expected a date as YYYY-MM-DD')).toEqual({ key: 'validation.date' })
  })

  it('keys them by field path, first message wins', () => {
    expect(
      fieldErrorsFromServer([
        { path: 'password', message: 'at least 10 characters' },
        { path: 'password', message: 'required' },
        { path: 'space.id', message: 'not a valid id' },
      ]),
    ).toEqual({
      password: { key: 'validation.tooShort', values: { min: 10 } },
      'space.id': { key: 'validation.invalid' },
    })
  })
})
