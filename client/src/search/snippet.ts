import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../../shared/api'

export type SnippetPart = { text: string; match: boolean }

/** A snippet's text, cut where the server marked the matched words (rendered as text, never as HTML). */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  for (const [i, piece] of snippet.split(SNIPPET_MARK_START).entries()) {
    const [inside, after] = i === 0 ? [null, piece.replaceAll(SNIPPET_MARK_END, '')] : splitOnce(piece)
    if (inside) parts.push({ text: inside, match: true })
    if (after) parts.push({ text: after, match: false })
  }
  return parts
}

function splitOnce(piece: string): [string, string] {
  const end = piece.indexOf(SNIPPET_MARK_END)
  return end < 0 ? [piece, ''] : [piece.slice(0, end), piece.slice(end + 1).replaceAll(SNIPPET_MARK_END, '')]
}
