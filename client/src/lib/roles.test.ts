import { describe, expect, it } from 'vitest'
import { GRANT_ROLES, SPACE_ROLES } from '../../../shared/domain'
import en from '../i18n/en'
import es from '../i18n/es'
import fr from '../i18n/fr'
import { formatDate, formatDateTime } from './format'
import { roleHelpKey, roleLabelKey, spacePath } from './roles'

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

describe('spacePath', () => {
  it('leads to the network or city screen', () => {
    expect(spacePath({ type: 'network', id: 'n1' })).toBe('/networks/n1')
    expect(spacePath({ type: 'city', id: 'c 1' })).toBe('/cities/c%201')
  })
})

describe('roleHelpKey', () => {
  it('explains every grantable role, an expert’s by where they are invited', () => {
    expect(roleHelpKey('expert', 'network')).toBe('roleHelp.expert_network')
    expect(roleHelpKey('expert', 'city')).toBe('roleHelp.expert_city')
    for (const role of GRANT_ROLES) {
      for (const type of ['network', 'city'] as const) {
        const key = roleHelpKey(role, type).split('.')[1] as keyof typeof fr.roleHelp
        expect(fr.roleHelp[key], `${role} ${type}`).toBeTruthy()
        expect(en.roleHelp[key], `${role} ${type}`).toBeTruthy()
      }
    }
  })
})
