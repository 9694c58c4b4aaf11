import { describe, expect, it } from 'vitest'
import { schema } from '../../../../server/content/schema'
import { suggestionRange } from './range'

const attrs = (id: string) => ({ id, authorId: 'u1', createdAt: '2026-01-01T00:00:00.000Z' })

describe('where a suggestion is', () => {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Le ' },
          { type: 'text', text: 'plan', marks: [{ type: 'deletion', attrs: attrs('s1') }] },
          { type: 'text', text: 'programme', marks: [{ type: 'insertion', attrs: attrs('s1') }] },
          { type: 'text', text: ' local', marks: [{ type: 'insertion', attrs: attrs('s2') }] },
        ],
      },
    ],
  })

  it('spans its deleted and inserted text', () => {
    expect(suggestionRange(doc, 's1')).toEqual({ from: 4, to: 17 })
    expect(suggestionRange(doc, 's2')).toEqual({ from: 17, to: 23 })
  })

  it('is null once the suggestion is gone', () => {
    expect(suggestionRange(doc, 'settled')).toBeNull()
  })
})
