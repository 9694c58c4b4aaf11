export type DiffOp = { op: 'same'; a: number; b: number } | { op: 'removed'; a: number } | { op: 'added'; b: number }

/** Past this many cells the table would cost too much memory: the middle is shown as replaced. */
const MAX_CELLS = 4_000_000

/**
 * A longest-common-subsequence diff of two sequences: which items of `a` were removed, which of
 * `b` added, in order. Common ends are matched first, so a small edit in a long text is cheap.
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
  ops.push(...middle(a, b, start, endA, endB, equal))
  for (let i = 0; endA + i < a.length; i++) ops.push({ op: 'same', a: endA + i, b: endB + i })
  return ops
}

function middle<T>(a: readonly T[], b: readonly T[], start: number, endA: number, endB: number, equal: (x: T, y: T) => boolean): DiffOp[] {
  const n = endA - start
  const m = endB - start
  const ops: DiffOp[] = []
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = start; i < endA; i++) ops.push({ op: 'removed', a: i })
    for (let j = start; j < endB; j++) ops.push({ op: 'added', b: j })
    return ops
  }
  // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = equal(a[start + i]!, b[start + j]!)
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (equal(a[start + i]!, b[start + j]!)) {
      ops.push({ op: 'same', a: start + i++, b: start + j++ })
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      ops.push({ op: 'removed', a: start + i++ })
    } else {
      ops.push({ op: 'added', b: start + j++ })
    }
  }
  while (i < n) ops.push({ op: 'removed', a: start + i++ })
  while (j < m) ops.push({ op: 'added', b: start + j++ })
  return ops
}
