import type { ExpertKind, GrantRole, SpaceRole } from '../../../shared/domain'
import type { MessageKey } from '../i18n/types'

/** The label of a role as the methods name it: 'Expert·e international·e', 'Groupe conseil'. */
export function roleLabelKey(role: GrantRole | SpaceRole, expertKind?: ExpertKind | null): MessageKey {
  if (role === 'expert' && expertKind) return `roles.expert_${expertKind}`
  return `roles.${role}`
}

/** 'le réseau « X »' / 'la ville de X', for sentences. */
export function spacePhraseKey(type: 'network' | 'city'): MessageKey {
  return type === 'network' ? 'spaces.networkNamed' : 'spaces.cityNamed'
}

/** Where a network's or a city's screen is. */
export function spacePath(space: { type: 'network' | 'city'; id: string }): string {
  return `/${space.type === 'network' ? 'networks' : 'cities'}/${encodeURIComponent(space.id)}`
}

/** What a role may do, said in the invitation form; an expert's depends on where they are invited. */
export function roleHelpKey(role: GrantRole, spaceType: 'network' | 'city'): MessageKey {
  return role === 'expert' ? `roleHelp.expert_${spaceType}` : `roleHelp.${role}`
}
