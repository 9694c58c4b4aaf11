import { describe, expect, it } from 'vitest'
import { SEARCH_RESULT_TYPES } from '../../../shared/api'
import { searchQuery } from '../../../shared/schemas'
import { apiParamsOf, filtersOf, paramsOf, searchPageUrl, toggleType } from './search-url'

const CITY = 'city:0b8f2c1e-4d3a-4f6b-9c7d-1a2b3c4d5e6f'
const url = (query: string) => filtersOf(new URLSearchParams(query))

describe('the results page URL', () => {
  it('reads the words, the types and the other filters', () => {
    expect(url(`q=+plan+d’action+&type=thread,document&space=${CITY}&kind=action_plan&stage=submitted`)).toEqual({
      q: 'plan d’action',
      types: ['document', 'thread'],
      space: CITY,
      kind: 'action_plan',
      stage: 'submitted',
    })
  })

  it('leaves out what the server would refuse, and still searches', () => {
    expect(url('q=plan&type=document,nonsense,,document&space=city:12&kind=poem&stage=late')).toEqual({ q: 'plan', types: ['document'] })
    expect(url('type=nonsense')).toEqual({ q: '', types: [] })
  })

  it('takes every type as no type, so both are one URL', () => {
    expect(url(`q=plan&type=${[...SEARCH_RESULT_TYPES].reverse().join(',')}`).types).toEqual([])
  })

  it('cuts words longer than the server takes', () => {
    expect(url(`q=${'a'.repeat(300)}`).q).toHaveLength(200)
  })

  it('writes back what it read, without empty filters', () => {
    const query = `q=plan&type=document%2Cthread&space=${CITY.replace(':', '%3A')}&kind=action_plan`
    expect(paramsOf(url(query)).toString()).toBe(query)
    expect(paramsOf({ q: '', types: [] }).toString()).toBe('')
  })

  it('opens the page for the words typed in the header', () => {
    expect(searchPageUrl('  rue & place ')).toBe('/search?q=rue+%26+place')
  })

  it('asks the API for one page at a time, in a form it accepts', () => {
    const filters = url(`q=plan&type=document,thread&space=${CITY}`)
    const first = apiParamsOf(filters, 20)
    expect(first).toEqual({ q: 'plan', type: 'document,thread', space: CITY, limit: '20' })
    const next = apiParamsOf(filters, 20, '20')
    expect(next.cursor).toBe('20')
    expect(searchQuery.safeParse(next).success).toBe(true)
  })
})

describe('toggleType', () => {
  it('adds a type, or takes it out, in the shared order', () => {
    expect(toggleType([], 'thread')).toEqual(['thread'])
    expect(toggleType(['thread'], 'document')).toEqual(['document', 'thread'])
    expect(toggleType(['document', 'thread'], 'document')).toEqual(['thread'])
    expect(toggleType(['thread'], 'thread')).toEqual([])
  })

  it('comes back to every type when the last one is added', () => {
    const allButOne = SEARCH_RESULT_TYPES.slice(1)
    expect(toggleType(allButOne, SEARCH_RESULT_TYPES[0])).toEqual([])
  })
})
