import type { OpenAccess } from '../../../shared/policy'

/** What the editor's status line says. */
export type EditorStatus =
  | 'connecting' // first connection, or trying again after a failure
  | 'offline' // the device or the server is unreachable: changes are kept on this device
  | 'saving' // connected; some changes made here are not confirmed stored yet
  | 'saved' // connected; every change made here is stored on the server
  | 'live' // connected, following the document (people who may not write)
  | 'ended' // the server closed for good (access removed, session ended): reload or sign in again

export type StatusInputs = {
  /** navigator.onLine */
  online: boolean
  connection: 'connecting' | 'connected' | 'disconnected'
  synced: boolean
  /** Connected and synced at least once since the page opened. */
  everSynced: boolean
  unsaved: boolean
  access: OpenAccess
  /** The server's close code when it refused to continue (44xx), else null. */
  endedWith: number | null
}

export function editorStatus(s: StatusInputs): EditorStatus {
  if (s.endedWith !== null) return 'ended'
  if (!s.online) return 'offline'
  if (s.connection !== 'connected' || !s.synced) return s.everSynced ? 'offline' : 'connecting'
  if (s.unsaved) return 'saving'
  // Those who suggest change the document too (their suggestions): they want to know it is stored.
  return s.access === 'write' || s.access === 'suggest' ? 'saved' : 'live'
}
