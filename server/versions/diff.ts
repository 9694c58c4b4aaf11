import { diffArrays } from 'diff'

export type DiffOp = { op: 'same'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number }

/**
 * Bound on the diff's work (Myers: about the sequences' length × the number of edits): texts
 * that differ more than that are shown as replaced between their common ends.
 */
const MAX_WORK = 40_000_000

/**
 * Which items of `a` were removed and which of `b` added, in order (a shortest edit script, by
 * jsdiff's Myers diff). Common ends are matched first, so a small edit in a long text is cheap.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is): DiffOp[] {
  let start = 0
  while (start < a.length && start < b.length && equal(a[start]!, b[start]!)) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && equal(a[endA - 1]!, b[endB - 1]!)) {
    endA--
    endB--
  }
  const ops: DiffOp[] = []
  for (let i = 0; i < start; i++) ops.push({ op: 'same', a: i, b: i })
  middle(a.slice(start, endA), b.slice(start, endB), start, equal, ops)
  for (let i = 0; endA + i < a.length; i++) ops.push({ op: 'same', a: endA + i, b: endB + i })
  return ops
}

function middle<T>(a: T[], b: T[], offset: number, equal: (x: T, y: T) => boolean, ops: DiffOp[]): void {
  const maxEditLength = Math.max(1_000, Math.floor(MAX_WORK / Math.max(1, a.length + b.length)))
  const changes = a.length > 0 && b.length > 0 ? diffArrays(a, b, { comparator: equal, maxEditLength }) : undefined
  let i = offset
  let j = offset
  if (!changes) {
    for (const _ of a) ops.push({ op: 'removed', a: i++ })
    for (const _ of b) ops.push({ op: 'added', b: j++ })
    return
  }
  for (const change of changes) {
    for (let k = 0; k < change.count; k++) {
      if (change.added) ops.push({ op: 'added', b: j++ })
      else if (change.removed) ops.push({ op: 'removed', a: i++ })
      else ops.push({ op: 'same', a: i++, b: j++ })
    }
  }
}
