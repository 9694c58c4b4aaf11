import { beforeAll, describe, expect, it } from 'vitest'
import i18n, { loadLocale } from '../i18n'
import { frenchDe } from './french'

describe('frenchDe', () => {
  it('elides before a vowel, accented or not', () => {
    expect(frenchDe('Abidjan')).toBe('d’Abidjan')
    expect(frenchDe('Ouagadougou')).toBe('d’Ouagadougou')
    expect(frenchDe('Île-de-France')).toBe('d’Île-de-France')
    expect(frenchDe('Évry')).toBe('d’Évry')
    expect(frenchDe('  Accra ')).toBe('d’Accra')
  })

  it('keeps "de" before a consonant, an aspirated h and a y sounded as a consonant', () => {
    expect(frenchDe('Dakar')).toBe('de Dakar')
    expect(frenchDe('Hanoï')).toBe('de Hanoï')
    expect(frenchDe('Hambourg')).toBe('de Hambourg')
    expect(frenchDe('Yaoundé')).toBe('de Yaoundé')
  })

  it('elides before a mute h and a y sounded as a vowel', () => {
    expect(frenchDe('Helsinki')).toBe('d’Helsinki')
    expect(frenchDe('Hyères')).toBe('d’Hyères')
    expect(frenchDe('Ypres')).toBe('d’Ypres')
  })

  it('contracts with a leading article, but not with la', () => {
    expect(frenchDe('Le Caire')).toBe('du Caire')
    expect(frenchDe('Le Havre')).toBe('du Havre')
    expect(frenchDe('Les Mureaux')).toBe('des Mureaux')
    expect(frenchDe('La Paz')).toBe('de La Paz')
    expect(frenchDe('Lomé')).toBe('de Lomé')
  })
})

describe('the French interface names a city correctly', () => {
  beforeAll(() => Promise.all([loadLocale('fr'), loadLocale('en')]))

  it('says "la ville d’Abidjan" and "la ville de Dakar"; English is untouched', async () => {
    const fr = i18n.getFixedT('fr')
    expect(fr('spaces.cityNamed', { name: 'Abidjan' })).toBe('la ville d’Abidjan')
    expect(fr('spaces.cityNamed', { name: 'Dakar' })).toBe('la ville de Dakar')
    expect(fr('spaces.cityNamed', { name: 'Le Caire' })).toBe('la ville du Caire')
    expect(i18n.getFixedT('en')('spaces.cityNamed', { name: 'Abidjan' })).toBe('the city of Abidjan')
  })
})
