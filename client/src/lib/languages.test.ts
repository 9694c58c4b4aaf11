import { describe, expect, it } from 'vitest'
import { cityFields } from '../../../shared/schemas'
import { formatList, languageName, parseLanguages } from './languages'

describe('parseLanguages', () => {
  it('reads codes separated by commas or spaces, the way people type them', () => {
    expect(parseLanguages('fr, wo')).toEqual(['fr', 'wo'])
    expect(parseLanguages(' AR  fr;fr ')).toEqual(['ar', 'fr'])
    expect(parseLanguages('pt-BR')).toEqual(['pt-BR'])
    expect(parseLanguages('   ')).toEqual([])
  })

  it('gives what the server’s schema accepts', () => {
    expect(cityFields.safeParse({ name: 'Dakar', languages: parseLanguages('FR, wo') }).success).toBe(true)
    expect(cityFields.safeParse({ name: 'Dakar', languages: parseLanguages('français') }).success).toBe(false)
  })
})

describe('languageName', () => {
  it('names a language in the reader’s language', () => {
    expect(languageName('fr', 'fr')).toBe('français')
    expect(languageName('ar', 'en')).toBe('Arabic')
    expect(languageName('wo', 'fr')).toBe('wolof')
  })

  it('falls back to the code', () => {
    expect(languageName('zz', 'fr')).toBe('zz')
    expect(languageName('not a code', 'fr')).toBe('not a code')
  })
})

describe('formatList', () => {
  it('joins as the language does', () => {
    expect(formatList(['arabe', 'français'], 'fr')).toBe('arabe et français')
    expect(formatList(['Arabic', 'French', 'Wolof'], 'en')).toBe('Arabic, French, and Wolof')
  })
})
