import { describe, expect, it } from 'vitest'
import { coverOf, type ExportFacts } from '../../server/export/cover'

const facts: ExportFacts = {
  title: 'Plan d’action — Dakar',
  kind: 'action_plan',
  locale: 'fr',
  networks: ['Réseau collaboratif'],
  city: 'Dakar',
  version: null,
  exportedAt: new Date('2026-12-01T23:30:00Z'),
  contributors: [
    { id: '1', name: 'Awa Ndiaye', city: 'Dakar' },
    { id: '2', name: 'Claire Martin', city: null },
    { id: '3', name: 'Leïla Ben Salah', city: 'Tunis' },
  ],
}

describe('the cover facts', () => {
  it('name the network, city, kind, live version, date and contributors in the document’s language', () => {
    const cover = coverOf(facts)
    expect(cover.title).toBe('Plan d’action — Dakar')
    expect(cover.facts).toEqual([
      { label: 'Réseau', value: 'Réseau collaboratif' },
      { label: 'Ville', value: 'Dakar' },
      { label: 'Type de document', value: 'Plan d’action' },
      { label: 'Version', value: 'version en cours' },
      { label: 'Exporté le', value: '1 décembre 2026' },
      { label: 'Contributeurs', value: 'Awa Ndiaye (Dakar), Claire Martin, Leïla Ben Salah (Tunis)' },
      { label: 'Villes contributrices', value: 'Dakar, Tunis' },
    ])
    expect(cover.colon).toBe('\u00a0: ')
  })

  it('name a version by its name and date, in English or Spanish too', () => {
    const version = { name: 'V1 before experimentation', createdAt: new Date('2026-11-02T08:00:00Z') }
    const en = coverOf({ ...facts, locale: 'en', city: null, networks: ['A', 'B'], version, contributors: [] })
    expect(en.facts).toEqual([
      { label: 'Networks', value: 'A, B' },
      { label: 'Document type', value: 'Action plan' },
      { label: 'Version', value: 'V1 before experimentation (November 2, 2026)' },
      { label: 'Exported on', value: 'December 1, 2026' },
      { label: 'Contributors', value: 'none' },
    ])
    expect(coverOf({ ...facts, locale: 'es' }).facts[3]).toEqual({ label: 'Versión', value: 'versión en curso' })
  })
})
