import { describe, expect, it } from 'vitest'
import { firstMatch, fold } from './match'

describe('firstMatch', () => {
  it('finds the first word searched for, without accents and by its stem', () => {
    const text = 'Bilan des expérimentations. Le Plan d’action est adopté.'
    expect(firstMatch(text, 'experimentation')).toEqual({ index: 10, length: 16 })
    expect(firstMatch(text, "plans d'action")).toEqual({ index: 31, length: 4 })
    expect(firstMatch(text, 'ADOPTER')).toEqual({ index: 49, length: 6 })
    expect(firstMatch(text, 'zèbre')).toBeNull()
    expect(firstMatch(text, 'a b')).toBeNull()
  })
  it('keeps the offsets of the text', () => {
    expect(fold('Œuvre café')).toHaveLength('Œuvre café'.length)
    expect(fold('Élan')).toBe('elan')
  })
})
