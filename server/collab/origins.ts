/**
 * Where a change to a live document came from, as its Yjs transaction origin. Changes made by
 * someone (a writer's socket, or the server on someone's behalf) are stored as theirs and shared
 * with other instances; changes loaded from storage or relayed by a peer instance are not.
 */
export abstract class EditOrigin {
  abstract readonly userId: string
}

/** An edit the server makes for someone (a restore): stored and attributed like theirs. */
export class ServerEdit extends EditOrigin {
  constructor(readonly userId: string) {
    super()
  }
}

export const FROM_STORAGE = Symbol('storage')
export const FROM_PEER = Symbol('peer instance')
/** What a peer sent in answer to "what do you have that I lack": stored here, as far as it is new. */
export const REPAIR_FROM_PEER = Symbol('repair from a peer instance')
/** A change another instance relayed: its writer's (FROM_PEER), or an answer to "what do I lack" (REPAIR_FROM_PEER). */
export type PeerOrigin = typeof FROM_PEER | typeof REPAIR_FROM_PEER
