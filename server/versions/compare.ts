import type * as Y from 'yjs'
import { diffSequences } from './diff'
import { textBlocks, type TextBlock } from './blocks'
import type { ComparedBlock, ComparedSegment } from '../../shared/api'

/** A compared segment before authors are looked up: an added one carries the Yjs client that wrote it. */
export type RawSegment = Omit<ComparedSegment, 'author'> & { client?: number }
export type RawBlock = Omit<ComparedBlock, 'segments'> & { segments: RawSegment[] }

/** A changed block is shown as one when at least this share of its words stayed; otherwise as removed and added. */
const SIMILAR = 0.4

/**
 * What changed from one document to another, block by block in the layout of `to` (removed
 * blocks where they stood), word by word inside blocks that changed.
 */
export function compareDocuments(from: Y.Doc, to: Y.Doc): RawBlock[] {
  const a = textBlocks(from)
  const b = textBlocks(to)
  const out: RawBlock[] = []
  let removedRun: TextBlock[] = []
  let addedRun: TextBlock[] = []
  const flush = () => {
    out.push(...pairRun(removedRun, addedRun))
    removedRun = []
    addedRun = []
  }
  for (const op of diffSequences(a, b, sameBlock)) {
    if (op.op === 'same') {
      flush()
      const block = b[op.b]!
      out.push({ ...shape(block), status: 'same', segments: block.text ? [{ op: 'same', text: block.text }] : [] })
    } else if (op.op === 'removed') removedRun.push(a[op.a]!)
    else addedRun.push(b[op.b]!)
  }
  flush()
  return out
}

const shape = (block: TextBlock) => ({ type: block.type, attrs: block.attrs, path: block.path })
const sameBlock = (x: TextBlock, y: TextBlock) =>
  x.text === y.text && x.type === y.type && x.path.join('/') === y.path.join('/') && JSON.stringify(x.attrs) === JSON.stringify(y.attrs)

/**
 * Between two unchanged blocks, old blocks are paired in order with new ones that kept enough of
 * their words (an edited paragraph); the others were removed or added whole.
 */
function pairRun(removed: TextBlock[], added: TextBlock[]): RawBlock[] {
  const out: RawBlock[] = []
  let next = 0
  for (const old of removed) {
    const match = added.findIndex((candidate, i) => i >= next && similarity(old.text, candidate.text) >= SIMILAR)
    if (match === -1) {
      out.push({ ...shape(old), status: 'removed', segments: old.text ? [{ op: 'removed', text: old.text }] : [] })
      continue
    }
    for (const block of added.slice(next, match)) out.push(wholeAdded(block))
    out.push({ ...shape(added[match]!), status: 'changed', segments: diffWords(old, added[match]!) })
    next = match + 1
  }
  for (const block of added.slice(next)) out.push(wholeAdded(block))
  return out
}

function wholeAdded(block: TextBlock): RawBlock {
  return { ...shape(block), status: 'added', segments: diffWords({ text: '', clients: [] }, block) }
}

type Token = { text: string; start: number }
const tokens = (text: string): Token[] => [...text.matchAll(/\s+|[^\s]+/g)].map((m) => ({ text: m[0], start: m.index }))
const words = (text: string) => text.split(/\s+/).filter(Boolean)
const isSpace = (t: string) => /^\s+$/.test(t)

/**
 * The share of the old block's words still there, in order: a paragraph someone wrote on is the
 * same paragraph, however much was added. An empty block filled in is that block, edited.
 */
function similarity(x: string, y: string): number {
  const a = words(x)
  const b = words(y)
  if (a.length === 0) return 1
  const same = diffSequences(a, b).filter((op) => op.op === 'same').length
  return same / a.length
}

/** Word-by-word segments of `to` against `from`; each added word carries the client that typed most of it. */
function diffWords(from: Pick<TextBlock, 'text' | 'clients'>, to: Pick<TextBlock, 'text' | 'clients'>): RawSegment[] {
  const a = tokens(from.text)
  const b = tokens(to.text)
  const segments: RawSegment[] = []
  for (const op of diffSequences(a, b, (x, y) => x.text === y.text)) {
    const token = op.op === 'removed' ? a[op.a]! : b[op.b]!
    const last = segments.at(-1)
    if (op.op === 'added') {
      const client = mainClient(to.clients.slice(token.start, token.start + token.text.length))
      // Spaces between added words join the words around them.
      if (last?.op === 'added' && (isSpace(token.text) || last.client === client)) last.text += token.text
      else segments.push({ op: 'added', text: token.text, client })
    } else if (last?.op === op.op) last.text += token.text
    else segments.push({ op: op.op, text: token.text })
  }
  return segments
}

function mainClient(clients: number[]): number | undefined {
  const counts = new Map<number, number>()
  for (const c of clients) if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1)
  let best: number | undefined
  for (const [c, n] of counts) if (best === undefined || n > counts.get(best)!) best = c
  return best
}
