/** Letters without their accents, lower-cased, one for one (so offsets stay those of the text). */
export function fold(text: string): string {
  let out = ''
  for (const ch of text) {
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    // A letter that folds to several (or none) keeps its place with itself.
    out += bare.length === ch.length ? bare : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch
  }
  return out
}

/**
 * Where the words searched for first appear in a text, as the editor opens a document at a
 * match: each word loosely (without accents, and by its beginning — the search matched stems, so
 * `plans` must find « plan », `expérimentation` « expérimentations »). Null when none appears.
 */
export function firstMatch(text: string, query: string): { index: number; length: number } | null {
  const folded = fold(text)
  let best: { index: number; length: number } | null = null
  for (const word of fold(query).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3) continue
    const stem = word.slice(0, Math.max(3, Math.ceil(word.length * 0.75)))
    const index = folded.indexOf(stem)
    if (index < 0 || (best && best.index <= index)) continue
    // The whole word of the text, from its beginning to its end.
    const end = folded.slice(index).search(/[^\p{L}\p{N}]|$/u)
    best = { index, length: end }
  }
  return best
}
