import { describe, expect, it } from 'vitest'
import en from './en'
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
  const enKeys = flatten(en)

  it('has the same keys in French and English', () => {
    expect([...enKeys.keys()].sort()).toEqual([...frKeys.keys()].sort())
  })

  it('has no empty text', () => {
    for (const [key, text] of [...frKeys, ...enKeys]) expect(text.trim(), key).not.toBe('')
  })

  it('uses the same {{variables}} in both languages', () => {
    for (const [key, text] of frKeys) expect(variables(enKeys.get(key) ?? ''), key).toEqual(variables(text))
  })
})
