import { describe, expect, it } from 'vitest'
import { LOCALES } from '../../../shared/templates'
import en from './en'
import es from './es'
import fr from './fr'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*-?\s*(\w+)/g)].map((m) => m[1]).sort()

describe('interface text', () => {
  const frKeys = flatten(fr)
  const translations = { en: flatten(en), es: flatten(es) }

  it('has a translation for every language offered', () => {
    expect(['fr', ...Object.keys(translations)]).toEqual([...LOCALES])
  })

  describe.each(Object.entries(translations))('%s', (_, keys) => {
    it('has the same keys as French, plural forms included', () => {
      expect([...keys.keys()].sort()).toEqual([...frKeys.keys()].sort())
    })

    it('has no empty text', () => {
      for (const [key, text] of keys) expect(text.trim(), key).not.toBe('')
    })

    it('uses the same {{variables}} as French', () => {
      for (const [key, text] of frKeys) expect(variables(keys.get(key) ?? ''), key).toEqual(variables(text))
    })
  })

  it('has no empty text in French', () => {
    for (const [key, text] of frKeys) expect(text.trim(), key).not.toBe('')
  })

  it('names each language in itself, whatever the interface language', () => {
    for (const messages of [en, es]) {
      for (const locale of LOCALES) {
        expect(messages.language[locale]).toBe(fr.language[locale])
        expect(messages.language[`${locale}Short`]).toBe(fr.language[`${locale}Short`])
      }
    }
  })
})

describe('counts', () => {
  it('says "de" before a round million in French and Spanish, where the plural has a form of its own', async () => {
    const { default: i18n, loadLocale } = await import('./index')
    await Promise.all(LOCALES.map(loadLocale))
    const words = (lng: string, count: number, formatted: string) => i18n.t('document.words', { lng, count, formatted })
    expect(words('fr', 1_000_000, '1 000 000')).toBe('1 000 000 de mots')
    expect(words('es', 2_000_000, '2.000.000')).toBe('2.000.000 de palabras')
    expect(words('fr', 1_234, '1 234')).toBe('1 234 mots')
    expect(words('en', 1_000_000, '1,000,000')).toBe('1,000,000 words')
    expect(words('fr', 1, '1')).toBe('1 mot')
  })
})
