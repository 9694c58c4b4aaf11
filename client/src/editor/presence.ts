import type { PresenceUser } from '../../../shared/collab'

export type Participant = PresenceUser & { clientIds: number[] }

/**
 * The people in a document from the awareness states, one entry per person even when they
 * have it open in several tabs, in a stable order. Only states the server stamped (with an
 * id) count; the local client is left out.
 */
export function participantsFrom(states: Map<number, Record<string, unknown>>, localClientId: number): Participant[] {
  const byUser = new Map<string, Participant>()
  for (const [clientId, state] of states) {
    if (clientId === localClientId) continue
    const user = state.user as Partial<PresenceUser> | undefined
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue
    const known = byUser.get(user.id)
    if (known) known.clientIds.push(clientId)
    else byUser.set(user.id, { ...(user as PresenceUser), clientIds: [clientId] })
  }
  return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
}

/** "Awa Ndiaye" → "AN"; one name → its first two letters. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase()
  return (words[0]![0]! + words.at(-1)![0]!).toUpperCase()
}
