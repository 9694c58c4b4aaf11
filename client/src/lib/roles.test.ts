import { describe, expect, it } from 'vitest'
import { GRANT_ROLES, SPACE_ROLES } from '../../../shared/domain'
import en from '../i18n/en'
import es from '../i18n/es'
import fr from '../i18n/fr'
import { formatDate, formatDateTime } from './format'
import { roleLabelKey } from './roles'

describe('role labels', () => {
  it('names every role in French as the methods do', () => {
    expect(fr.roles.secretariat).toBe('Secrétariat général')
    expect(fr.roles.advisory).toBe('Groupe conseil')
    expect(fr.roles.funder).toBe('Organisme de financement (observateur)')
    expect(roleLabelKey('expert', 'local')).toBe('roles.expert_local')
    expect(roleLabelKey('expert', 'international')).toBe('roles.expert_international')
    expect(roleLabelKey('expert', null)).toBe('roles.expert')
    expect(roleLabelKey('pilot_city')).toBe('roles.pilot_city')
  })

  it('has a label for every grant and space role in every language', () => {
    for (const role of [...GRANT_ROLES, ...SPACE_ROLES]) {
      const key = roleLabelKey(role).split('.')[1] as keyof typeof fr.roles
      expect(fr.roles[key], role).toBeTruthy()
      expect(en.roles[key], role).toBeTruthy()
      expect(es.roles[key], role).toBeTruthy()
    }
  })
})

describe('dates', () => {
  it('are written in the reader’s language', () => {
    expect(formatDate('2025-03-14T12:00:00Z', 'fr')).toBe('14 mars 2025')
    expect(formatDate('2025-03-14T12:00:00Z', 'en')).toBe('March 14, 2025')
    expect(formatDate('2025-03-14T12:00:00Z', 'es')).toBe('14 de marzo de 2025')
    expect(formatDateTime('2025-03-14T12:00:00Z', 'fr')).toMatch(/14 mars 2025/)
  })

  it('leave a malformed date as it came', () => {
    expect(formatDate('not a date', 'fr')).toBe('not a date')
  })
})
