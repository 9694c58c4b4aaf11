import { describe, expect, it } from 'vitest'
import type { CitySummary, DocumentSummary, NetworkSummary } from '../../../shared/api'
import { groupDocumentsBySpace } from './documents'

const network: NetworkSummary = {
  id: 'n1',
  name: 'Réseau des villes résilientes',
  theme: 'Eau',
  description: '',
  status: 'active',
  requireSettledSuggestions: false,
  roles: ['secretariat'],
  allowed: ['read', 'create_document'],
}
const city: CitySummary = { id: 'c1', name: 'Dakar', country: 'Sénégal', languages: ['fr'], roles: ['city_team'], allowed: ['read'] }

function doc(id: string, space: DocumentSummary['space'], updatedAt: string, extra: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id,
    title: `Doc ${id}`,
    kind: 'action_plan',
    template: 'action_plan',
    locale: 'fr',
    space,
    createdBy: null,
    createdAt: updatedAt,
    updatedAt,
    archived: false,
    openComments: 0,
    stage: 'draft',
    dueOn: null,
    planId: null,
    allowed: ['read'],
    ...extra,
  }
}

describe('groupDocumentsBySpace', () => {
  const netSpace = { type: 'network' as const, id: 'n1', name: network.name }
  const citySpace = { type: 'city' as const, id: 'c1', name: 'Dakar' }

  it('lists my networks, then my cities, even without documents', () => {
    const groups = groupDocumentsBySpace({ networks: [network], cities: [city] }, [])
    expect(groups.map((g) => g.space)).toEqual([netSpace, citySpace])
    expect(groups[0]!.allowed).toContain('create_document')
    expect(groups[0]!.roles).toEqual(['secretariat'])
  })

  it('puts each document in its space, most recently updated first, without archived ones', () => {
    const groups = groupDocumentsBySpace({ networks: [network], cities: [city] }, [
      doc('a', netSpace, '2025-01-01T10:00:00Z'),
      doc('b', netSpace, '2025-03-01T10:00:00Z'),
      doc('c', citySpace, '2025-02-01T10:00:00Z'),
      doc('d', netSpace, '2025-04-01T10:00:00Z', { archived: true }),
    ])
    expect(groups[0]!.documents.map((d) => d.id)).toEqual(['b', 'a'])
    expect(groups[1]!.documents.map((d) => d.id)).toEqual(['c'])
  })

  it('adds other spaces a document lives in, with the document’s permissions', () => {
    const other = { type: 'city' as const, id: 'c9', name: 'Abidjan' }
    const groups = groupDocumentsBySpace({ networks: [network], cities: [] }, [
      doc('x', other, '2025-01-01T10:00:00Z', { allowed: ['read', 'create_document'] }),
    ])
    expect(groups.map((g) => g.space.id)).toEqual(['n1', 'c9'])
    expect(groups[1]!.roles).toEqual([])
    expect(groups[1]!.allowed).toContain('create_document')
  })
})
