import type { SpaceRef } from '../../shared/domain'

/** What an extension sees of its live document. */
export type LiveDocument = {
  readonly documentId: string
  readonly space: SpaceRef
  /** Approximate encoded size: work that rewrites the whole document waits longer on a large one. */
  readonly bytes: number
}

/**
 * A concern that follows a live document's life without being part of it — its derived copy,
 * its automatic versions, and next search indexing and suggestion checks. The room keeps the
 * Y.Doc, its sockets, storage and the other instances; it calls each extension's hooks in the
 * order the extensions were given, and none of them can stop a change (they run after it).
 */
export interface RoomExtension {
  /**
   * After each change, once the people here have been sent it. `origin` says where it came
   * from (see origins.ts): an EditOrigin for someone's edit made on this instance, FROM_PEER
   * for one relayed by another instance. Changes loaded from storage are not reported.
   */
  onChange?(update: Uint8Array, origin: unknown): void
  /** The document stops changing (unloading, or it failed to load): drop timers. */
  onStop?(): void
  /**
   * Unloading, once every update is stored. `extras` is false when the server is stopping and
   * must be quick; whatever is skipped then happens at the document's next unload.
   */
  beforeUnload?(extras: boolean): Promise<void>
}

/** Makes an extension's instance for one live document, when it loads. */
export type RoomExtensionFactory = (doc: LiveDocument) => RoomExtension
