import { describe, expect, it } from 'vitest'
import { filtersOf, practicesOnTheme, splitThemes } from './practices-logic'

describe('practices: the list’s filters and themes', () => {
  it('splits typed themes on commas, without blanks or repeats', () => {
    expect(splitThemes(' Espaces publics, , Mobilité,Espaces publics ')).toEqual(['Espaces publics', 'Mobilité'])
    expect(splitThemes('  ')).toEqual([])
  })
  it('reads only the known, non-empty filters from the URL', () => {
    expect(filtersOf(new URLSearchParams('q=jardins&theme=&axis=cooperation&page=2'))).toEqual({ q: 'jardins', axis: 'cooperation' })
  })
  it('links to the practices on a theme, or to all of them without one', () => {
    expect(practicesOnTheme('Espaces publics')).toBe('/practices?theme=Espaces+publics')
    expect(practicesOnTheme(' ')).toBe('/practices')
  })
})
