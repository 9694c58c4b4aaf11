import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { PresenceUser } from '../../shared/collab'
import { ProtocolError } from './protocol'
import { nestedDeeperThan } from './nesting'

type Entry = { clientId: number; clock: number; state: Record<string, unknown> | null }

/**
 * Rewrites an awareness update from one connection: each state's `user` becomes the
 * connection's real identity, and entries for client ids that another connection controls
 * are dropped, so no one can speak for someone else. Returns the update to apply and the
 * client ids it speaks for.
 */
export function stampAwareness(
  update: Uint8Array,
  identity: PresenceUser,
  ownedElsewhere: (clientId: number) => boolean,
): { update: Uint8Array; clientIds: number[] } {
  const entries: Entry[] = []
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = JSON.parse(decoding.readVarString(decoder)) as unknown
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('state is not an object')
      if (nestedDeeperThan(state)) throw new Error('state nested too deeply')
      entries.push({ clientId, clock, state: state as Entry['state'] })
    }
    if (decoder.pos !== update.length) throw new Error('trailing bytes')
  } catch (err) {
    throw new ProtocolError(`malformed awareness update: ${(err as Error).message}`)
  }
  const kept = entries.filter((e) => !ownedElsewhere(e.clientId))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, kept.length)
  for (const e of kept) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, JSON.stringify(e.state === null ? null : { ...e.state, user: identity }))
  }
  return { update: encoding.toUint8Array(encoder), clientIds: kept.map((e) => e.clientId) }
}
