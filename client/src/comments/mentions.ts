import type { PersonCard } from '../../../shared/api'

/** What is being typed after an "@" just before the caret, if anything. */
export type MentionQuery = { start: number; query: string }

const MAX_QUERY = 40

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]!))) return null
  const query = before.slice(at + 1)
  if (query.length > MAX_QUERY || /[\n@]/.test(query)) return null
  return { start: at, query }
}

/** Case- and accent-insensitive, so "@eleonore" finds Éléonore. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

export function matchPeople(people: PersonCard[], query: string, limit = 6): PersonCard[] {
  const q = fold(query.trim())
  const starts = people.filter((p) =>
    fold(p.name)
      .split(/\s+/)
      .some((w) => w.startsWith(q)),
  )
  const contains = people.filter((p) => !starts.includes(p) && fold(p.name).includes(q))
  return [...starts, ...contains].slice(0, limit)
}

/** Replaces the "@query" being typed by "@Name " and puts the caret after it. */
export function insertMention(text: string, caret: number, mention: MentionQuery, person: PersonCard): { text: string; caret: number } {
  const inserted = `@${person.name} `
  return { text: text.slice(0, mention.start) + inserted + text.slice(caret), caret: mention.start + inserted.length }
}

/** The people picked while typing whose "@Name" is still in the text: erasing a mention un-mentions. */
export function mentionedIds(text: string, picked: PersonCard[]): string[] {
  return [...new Set(picked.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id))]
}

/** The comment split into plain text and mentions, to show mentions apart (still as text, never HTML). */
export function splitMentions(body: string, mentions: PersonCard[]): { text: string; mention: boolean }[] {
  const names = [...new Set(mentions.map((m) => `@${m.name}`))].sort((a, b) => b.length - a.length)
  if (names.length === 0) return [{ text: body, mention: false }]
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const parts: { text: string; mention: boolean }[] = []
  let last = 0
  for (const m of body.matchAll(new RegExp(escaped.join('|'), 'g'))) {
    if (m.index > last) parts.push({ text: body.slice(last, m.index), mention: false })
    parts.push({ text: m[0], mention: true })
    last = m.index + m[0].length
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false })
  return parts
}
