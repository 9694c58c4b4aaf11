import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { OpenAccess } from '../../../shared/policy'
import { deleteLocalCopy, localCopyName } from './local-copies'
import { PacedSending } from './paced-sending'
import { SaveTracker } from './save-tracker'
import { editorStatus, type EditorStatus, type StatusInputs } from './status'

export type CollabSnapshot = { status: EditorStatus; unsaved: boolean; endedWith: number | null }

/** Where /collab is, on the page's own origin (the session cookie goes with it). */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

/**
 * One open document: its Y.Doc, kept on this device in IndexedDB (so it opens and can be
 * edited offline) and synced with the server over a stock y-websocket provider. Exposes a
 * status snapshot for React's useSyncExternalStore.
 */
export class CollabSession {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly local: IndexeddbPersistence
  readonly tracker: SaveTracker
  private readonly paced: PacedSending
  private inputs: StatusInputs
  private snapshot: CollabSnapshot
  private readonly listeners = new Set<() => void>()

  constructor(documentId: string, userId: string, access: OpenAccess) {
    this.local = new IndexeddbPersistence(localCopyName(userId, documentId), this.doc)
    // Retries stay frequent: on venue Wi-Fi the link comes and goes, and nobody should wait a minute.
    this.provider = new WebsocketProvider(collabUrl(), documentId, this.doc, { maxBackoffTime: 5000 })
    this.paced = new PacedSending(this.provider)
    this.tracker = new SaveTracker(this.doc, this.provider, () => this.paced.flush())
    this.inputs = { online: navigator.onLine, connection: 'connecting', synced: false, everSynced: false, unsaved: false, access, endedWith: null }
    this.snapshot = this.computeSnapshot()

    this.provider.on('status', ({ status }) => this.update({ connection: status }))
    this.provider.on('sync', (synced) => this.update(synced ? { synced, everSynced: true } : { synced }))
    this.provider.on('closed', ({ code }) => this.update({ endedWith: code }))
    this.tracker.subscribe(() => this.update({ unsaved: this.tracker.hasUnsavedChanges }))
    window.addEventListener('offline', this.onOffline)
    window.addEventListener('online', this.onOnline)
    window.addEventListener('beforeunload', this.onBeforeUnload)
    window.addEventListener('pagehide', this.onLeaving)
    document.addEventListener('visibilitychange', this.onLeaving)
  }

  /** The level the server grants can change while the page is open (4100 then a reconnection). */
  setAccess(access: OpenAccess): void {
    this.update({ access })
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getSnapshot = (): CollabSnapshot => this.snapshot

  destroy(): void {
    this.close()
    void this.local.destroy()
    this.doc.destroy()
  }

  /**
   * Closes the document and throws away this device's copy of it (IndexedDB too): after the
   * server refused one of its updates (CLOSE_SUGGESTION_REFUSED), that copy holds what the
   * document will never have, and would send it again. A new session then syncs afresh.
   */
  async discard(): Promise<void> {
    this.close()
    await this.local.destroy()
    this.doc.destroy()
    await deleteLocalCopy(this.local.name)
  }

  private close(): void {
    window.removeEventListener('offline', this.onOffline)
    window.removeEventListener('online', this.onOnline)
    window.removeEventListener('beforeunload', this.onBeforeUnload)
    window.removeEventListener('pagehide', this.onLeaving)
    document.removeEventListener('visibilitychange', this.onLeaving)
    this.listeners.clear()
    this.tracker.destroy()
    this.paced.flush()
    this.paced.destroy()
    this.provider.destroy()
  }

  private update(change: Partial<StatusInputs>): void {
    this.inputs = { ...this.inputs, ...change }
    const next = this.computeSnapshot()
    if (next.status === this.snapshot.status && next.unsaved === this.snapshot.unsaved && next.endedWith === this.snapshot.endedWith) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }

  private computeSnapshot(): CollabSnapshot {
    return { status: editorStatus(this.inputs), unsaved: this.inputs.unsaved, endedWith: this.inputs.endedWith }
  }

  // The provider only notices a dead link after 30 s without messages; the browser knows at once.
  private readonly onOffline = () => {
    this.update({ online: false })
    this.provider.disconnect()
  }

  private readonly onOnline = () => {
    this.update({ online: true })
    if (this.inputs.endedWith === null) this.provider.connect()
  }

  // A phone may freeze or close a page it hid: edits held back (PacedSending) leave now.
  private readonly onLeaving = (event: Event) => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.paced.flush()
  }

  private readonly onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.tracker.hasUnsavedChanges) return
    event.preventDefault()
    // Older browsers need returnValue set to show the prompt.
    event.returnValue = ''
  }
}
