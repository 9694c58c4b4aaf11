import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffSequences } from '../../server/versions/diff'

/** The length of a longest common subsequence, the slow way: the oracle for small inputs. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  const row = new Array<number>(b.length + 1).fill(0)
  for (const x of a) {
    let diagonal = 0
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!)
      diagonal = above
    }
  }
  return row[b.length]!
}

describe('the sequence diff behind comparisons and restores', () => {
  const small = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 })

  it('rebuilds both sequences, in order, keeping as much in common as possible', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const ops = diffSequences(a, b)
        const fromA = ops.flatMap((op) => (op.op === 'added' ? [] : [op.a]))
        const fromB = ops.flatMap((op) => (op.op === 'removed' ? [] : [op.b]))
        expect(fromA).toEqual(a.map((_, i) => i))
        expect(fromB).toEqual(b.map((_, i) => i))
        for (const op of ops) if (op.op === 'same') expect(a[op.a]).toBe(b[op.b])
        expect(ops.filter((op) => op.op === 'same').length).toBe(lcsLength(a, b))
      }),
    )
  })

  it('compares with the equality it is given', () => {
    const ops = diffSequences(['Plan', 'd’action'], ['plan', 'D’ACTION', 'V2'], (x, y) => x.toLowerCase() === y.toLowerCase())
    expect(ops).toEqual([
      { op: 'same', a: 0, b: 0 },
      { op: 'same', a: 1, b: 1 },
      { op: 'added', b: 2 },
    ])
  })

  it('two long, wholly different texts are replaced between their common ends, without unbounded work', () => {
    const a = ['début', ...Array.from({ length: 30_000 }, (_, i) => `a${i}`), 'fin']
    const b = ['début', ...Array.from({ length: 30_000 }, (_, i) => `b${i}`), 'fin']
    const ops = diffSequences(a, b)
    expect(ops.filter((op) => op.op === 'same')).toEqual([
      { op: 'same', a: 0, b: 0 },
      { op: 'same', a: 30_001, b: 30_001 },
    ])
    expect(ops.filter((op) => op.op === 'removed')).toHaveLength(30_000)
    expect(ops.filter((op) => op.op === 'added')).toHaveLength(30_000)
  })
})
