import { describe, expect, it } from 'vitest'
import { editorStatus, type StatusInputs } from '../collab/status'
import { normalizeLink } from './links'
import { countWords, outlineOf } from './outline'
import { initials, participantsFrom } from './presence'
import { shortcutLabel } from './shortcuts'

const base: StatusInputs = { online: true, connection: 'connected', synced: true, everSynced: true, unsaved: false, access: 'write', endedWith: null }

describe('the editor status line', () => {
  it('says saved only when connected, synced and nothing is waiting', () => {
    expect(editorStatus(base)).toBe('saved')
    expect(editorStatus({ ...base, unsaved: true })).toBe('saving')
    expect(editorStatus({ ...base, access: 'comment' })).toBe('live')
  })

  it('tells those who suggest whether their suggestions are stored', () => {
    expect(editorStatus({ ...base, access: 'suggest' })).toBe('saved')
    expect(editorStatus({ ...base, access: 'suggest', unsaved: true })).toBe('saving')
  })

  it('is offline when the browser is, or when a connection that worked is lost', () => {
    expect(editorStatus({ ...base, online: false })).toBe('offline')
    expect(editorStatus({ ...base, connection: 'disconnected', synced: false })).toBe('offline')
    expect(editorStatus({ ...base, connection: 'connecting', synced: false, everSynced: false })).toBe('connecting')
  })

  it('reports a closure the server meant for good above everything else', () => {
    expect(editorStatus({ ...base, online: false, endedWith: 4403 })).toBe('ended')
  })
})

describe('outline and word count', () => {
  const node = (type: string, text: string, level?: number) => ({ type, textContent: text, attrs: level ? { level } : {} })
  const doc = (children: ReturnType<typeof node>[]) => ({
    type: 'doc',
    forEach: (fn: (child: ReturnType<typeof node>, offset: number) => void) => children.forEach((c, i) => fn(c, i * 10)),
  })

  it('lists non-empty headings in order with their level and position', () => {
    const entries = outlineOf(doc([node('heading', 'Plan', 1), node('paragraph', 'texte'), node('heading', ' ', 2), node('heading', 'Vision', 2)]))
    expect(entries).toEqual([
      { level: 1, text: 'Plan', pos: 0 },
      { level: 2, text: 'Vision', pos: 30 },
    ])
  })

  it('counts words in French, with elisions and hyphens inside words', () => {
    expect(countWords('')).toBe(0)
    expect(countWords('L’espace public — c’est-à-dire la rue, 12 places.')).toBe(7)
    expect(countWords('Dakar   Abidjan\nTunis')).toBe(3)
  })
})

describe('links', () => {
  it('completes web addresses and refuses what is not a web or mail address', () => {
    expect(normalizeLink('www.ville.org/projet')).toBe('https://www.ville.org/projet')
    expect(normalizeLink(' https://dakar.sn ')).toBe('https://dakar.sn/')
    expect(normalizeLink('contact@ville.org')).toBe('mailto:contact@ville.org')
    expect(normalizeLink('javascript:alert(1)')).toBeNull()
    expect(normalizeLink('pas une adresse')).toBeNull()
    expect(normalizeLink('intranet')).toBeNull()
  })
})

describe('presence', () => {
  const user = (id: string, name: string) => ({ user: { id, name, color: '#0f766e', city: 'Dakar', role: 'city_team', access: 'write' } })

  it('lists each person once, without me and without unstamped states, sorted by name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, user('me', 'Moi')],
      [2, user('u2', 'Koffi Kouassi')],
      [3, user('u1', 'Aminata Diallo')],
      [4, user('u2', 'Koffi Kouassi')],
      [5, { cursor: null }],
    ])
    const people = participantsFrom(states, 1)
    expect(people.map((p) => [p.name, p.clientIds])).toEqual([
      ['Aminata Diallo', [3]],
      ['Koffi Kouassi', [2, 4]],
    ])
  })

  it('makes initials from names', () => {
    expect(initials('Aminata Diallo')).toBe('AD')
    expect(initials('Fondation pour les villes — Hélène Roy')).toBe('FR')
    expect(initials('Leïla')).toBe('LE')
    expect(initials('  ')).toBe('?')
  })
})

describe('shortcut labels', () => {
  it('uses Ctrl elsewhere and symbols on Apple systems', () => {
    expect(shortcutLabel('Mod+Shift+Z', 'Win32')).toBe('Ctrl+Shift+Z')
    expect(shortcutLabel('Mod+B', 'MacIntel')).toBe('⌘B')
    expect(shortcutLabel('Mod+Shift+8', 'MacIntel')).toBe('⌘⇧8')
  })
})
