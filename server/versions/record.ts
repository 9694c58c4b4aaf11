import type { Logger } from 'pino'
import type { Db, Queryable } from '../db/db'
import { describePeople } from '../data/people'
import { insertVersion, lastVersion, lockDocumentVersions, removeVersions, thinnableVersions, writersSince } from '../data/versions'
import { clientsSince, type CapturedState } from './state'
import { versionsToThin, type RetentionPolicy } from './retention'
import type { SpaceRef } from '../../shared/domain'
import type { VersionKind } from '../../shared/api'

export type VersionRequest = { kind: VersionKind; name: string | null; createdBy: string | null; restoredFrom: string | null }

/** What the collab layer needs: an automatic version of a live document, when it changed. */
export interface AutomaticVersions {
  /** `capture` reads the document's state (on the document thread). */
  automatic(documentId: string, space: SpaceRef, capture: () => Promise<CapturedState>): Promise<void>
}

/**
 * Stores versions of documents with who wrote since the previous one. Automatic versions are
 * stored only when the content differs from the last version, checked under a per-document
 * lock, so two instances snapshotting the same state store it once; each is followed by thinning.
 */
export class VersionRecorder implements AutomaticVersions {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly retention: RetentionPolicy,
    /** Resolves once the edits accepted so far are in the log, whose senders are the contributors. */
    private readonly stored: (documentId: string) => Promise<void>,
  ) {}

  /** The new version's id, or null when an automatic one was not needed. */
  async record(documentId: string, space: SpaceRef, captured: CapturedState, request: VersionRequest): Promise<string | null> {
    await this.stored(documentId)
    return this.db.transaction((tx) => this.recordIn(tx, documentId, space, captured, request))
  }

  /**
   * The same, inside the caller's transaction (a submission stores its version with it). The
   * caller has waited for the document's edits to be stored (`stored`).
   */
  async recordIn(tx: Queryable, documentId: string, space: SpaceRef, captured: CapturedState, request: VersionRequest): Promise<string | null> {
    await lockDocumentVersions(tx, documentId)
    const previous = await lastVersion(tx, documentId)
    if (request.kind === 'automatic' && previous?.stateKey === captured.stateKey) return null
    const writers = await writersSince(tx, documentId, previous?.createdAt ?? null, clientsSince(captured.stateVector, previous?.stateVector ?? null))
    const people = await describePeople(tx, writers, space)
    const contributors = [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
    return insertVersion(tx, { documentId, ...request, ...captured, contributors })
  }

  async automatic(documentId: string, space: SpaceRef, capture: () => Promise<CapturedState>): Promise<void> {
    try {
      const id = await this.record(documentId, space, await capture(), { kind: 'automatic', name: null, createdBy: null, restoredFrom: null })
      if (id) await this.thin(documentId, new Date())
    } catch (err) {
      // A missed snapshot loses no edit (the log has them all); the next one will cover it.
      this.logger.error({ err, documentId }, 'could not store an automatic version')
    }
  }

  async thin(documentId: string, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockDocumentVersions(tx, documentId)
      const ids = versionsToThin(await thinnableVersions(tx, documentId), now, this.retention)
      await removeVersions(tx, documentId, ids)
    })
  }
}
