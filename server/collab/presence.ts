import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { ProtocolError } from './protocol'

/** Who a connection is, as everyone in the document sees it. Set by the server, never by the client. */
export type PresenceIdentity = {
  id: string
  name: string
  color: string
  city: string | null
  role: string
  access: 'write' | 'comment' | 'read'
}

type Entry = { clientId: number; clock: number; state: Record<string, unknown> | null }

/**
 * Rewrites an awareness update from one connection: each state's `user` becomes the
 * connection's real identity, and entries for client ids that another connection controls
 * are dropped, so no one can speak for someone else. Returns the update to apply and the
 * client ids it speaks for.
 */
export function stampAwareness(
  update: Uint8Array,
  identity: PresenceIdentity,
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

const PALETTE = ['#c2410c', '#0f766e', '#7c3aed', '#be123c', '#1d4ed8', '#a16207', '#15803d', '#9d174d', '#0e7490', '#4d7c0f']

/** A stable colour per person, so their caret looks the same everywhere and every day. */
export function colorFor(userId: string): string {
  let hash = 0
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
