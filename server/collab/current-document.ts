import type { Queryable } from '../db/db'
import { loadState, storedUpdates, storedVersion } from '../data/live-documents'
import type { DocumentJob, JobResult } from '../documents/jobs'
import type { DocumentThread } from '../documents/thread'
import type { CollabHub } from './hub'

/**
 * Reads documents as they are now, on the document thread: this instance's live copy when it
 * has one, else what storage holds (at most one write batch behind another instance's live
 * copy). The thread keeps the last few stored states it read, named by stored version, so
 * everyone refetching comments after a change reads storage once.
 */
export class DocumentReader {
  constructor(
    private readonly hub: CollabHub,
    private readonly documents: DocumentThread,
    private readonly db: Queryable,
  ) {}

  async read<J extends DocumentJob>(documentId: string, job: J): Promise<JobResult<J>> {
    if (await this.hub.isLive(documentId)) {
      try {
        return await this.documents.job({ live: documentId }, job)
      } catch (err) {
        // Unloaded in the meantime: storage has it all by now.
        if (await this.hub.isLive(documentId)) throw err
      }
    }
    const version = await storedVersion(this.db, documentId)
    const load = async () => {
      return storedUpdates(await loadState(this.db, documentId))
    }
    return this.documents.job({ stored: { documentId, version, load } }, job)
  }
}
