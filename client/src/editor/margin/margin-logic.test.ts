import { describe, expect, it } from 'vitest'
import { schema } from '../../../../server/content/schema'
import { placeIn } from './cards'
import { latestChoice } from './latest'
import { sameTops, stackCards } from './stack'

describe('lining cards up with their words', () => {
  it('puts each card beside its words when there is room', () => {
    const tops = stackCards(
      [
        { id: 'x', top: 100, height: 50 },
        { id: 'y', top: 300, height: 50 },
      ],
      null,
    )
    expect([tops.get('x'), tops.get('y')]).toEqual([100, 300])
  })

  it('pushes a card down rather than overlap the one above it', () => {
    const tops = stackCards(
      [
        { id: 'y', top: 120, height: 40 },
        { id: 'x', top: 100, height: 50 },
      ],
      null,
      10,
    )
    expect(tops.get('x')).toBe(100)
    expect(tops.get('y')).toBe(160)
  })

  it('keeps the active card exactly beside its words and pushes earlier cards up', () => {
    const tops = stackCards(
      [
        { id: 'x', top: 100, height: 50 },
        { id: 'y', top: 120, height: 40 },
      ],
      'y',
      10,
    )
    expect(tops.get('y')).toBe(120)
    expect(tops.get('x')).toBe(60)
  })

  it('keeps cards whose words share a line in the order given, whichever is active', () => {
    const slots = [
      { id: 'first', top: 100, height: 50 },
      { id: 'second', top: 100, height: 40 },
    ]
    expect(Object.fromEntries(stackCards(slots, 'second', 10))).toEqual({ first: 40, second: 100 })
    expect(Object.fromEntries(stackCards(slots, 'first', 10))).toEqual({ first: 100, second: 160 })
  })

  it('never places a card above the top of the text', () => {
    const tops = stackCards(
      [
        { id: 'x', top: 0, height: 50 },
        { id: 'y', top: 10, height: 40 },
      ],
      'y',
      10,
    )
    expect(Math.min(...tops.values())).toBe(0)
    expect(tops.get('y')! - tops.get('x')!).toBe(60)
  })
})

describe('which card is beside its words exactly', () => {
  it('is the selection just made, of whichever kind', () => {
    expect(latestChoice([null, 'thread', null], [null, 'thread', 'suggestion'], 'thread')).toBe('suggestion')
    expect(latestChoice([null, 'thread', 'suggestion'], [null, 'other', 'suggestion'], 'suggestion')).toBe('other')
  })

  it('stays the same while nothing new is chosen, though another kind still has a selection', () => {
    expect(latestChoice([null, 'thread', 'suggestion'], [null, 'thread', 'suggestion'], 'thread')).toBe('thread')
  })

  it('falls back to a selection still made when the chosen one goes', () => {
    expect(latestChoice(['draft', 'thread', null], [null, 'thread', null], 'draft')).toBe('thread')
    expect(latestChoice([null, 'thread', null], [null, null, null], 'thread')).toBeNull()
  })
})

describe('whether the cards moved', () => {
  it('ignores less than half a pixel, not a card more or less', () => {
    const before = new Map([['x', 10]])
    expect(sameTops(before, new Map([['x', 10.4]]))).toBe(true)
    expect(sameTops(before, new Map([['x', 11]]))).toBe(false)
    expect(sameTops(before, new Map([['y', 10]]))).toBe(false)
    expect(sameTops(before, new Map(before).set('y', 40))).toBe(false)
  })
})

describe('cards handed to the margin', () => {
  const doc = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Le plan local' }] }] })

  it('are placed where their words start now; those whose words are gone, not at all', () => {
    const located = {
      active: null,
      cards: [
        { id: 'here', node: 'ici' },
        { id: 'gone', node: 'parti' },
      ],
      starts: () => new Map([['here', 4]]),
    }
    expect(placeIn(doc, located)).toEqual([{ id: 'here', from: 4, node: 'ici' }])
    expect(placeIn(doc, undefined)).toEqual([])
  })
})
