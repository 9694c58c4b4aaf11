import { describe, expect, it } from 'vitest'
import { snippetParts } from './snippet'

describe('snippetParts', () => {
  it('cuts a snippet at its marks, keeping markup as text', () => {
    expect(snippetParts('Les \u0002expérimentations\u0003 <b>du</b> \u0002plan\u0003')).toEqual([
      { text: 'Les ', match: false },
      { text: 'expérimentations', match: true },
      { text: ' <b>du</b> ', match: false },
      { text: 'plan', match: true },
    ])
  })
  it('survives a mark left open or a stray end', () => {
    expect(snippetParts('a \u0002b')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
    ])
    expect(snippetParts('a\u0003 b')).toEqual([{ text: 'a b', match: false }])
    expect(snippetParts('')).toEqual([])
  })
})
