/**
 * When the server refuses this device's edits (CLOSE_SUGGESTION_REFUSED), the editor throws its
 * copy away and reopens the document as the server has it: whatever was refused, perhaps a whole
 * offline session, would be lost. Before that, the copy's text is kept here, as the person saw it
 * (their own suggestions applied, others' set aside), for them to copy or download and take up
 * again. It stays until they let it go, or sign out (city halls share computers).
 */
export type KeptVersion = {
  keptAt: string
  /** Refused for its size alone: the same suggestions, sent in smaller parts, would be accepted. */
  tooLarge: boolean
  html: string
  text: string
}

const PREFIX = 'atelier:kept-version:'
const keyOf = (userId: string, documentId: string) => `${PREFIX}${userId}:${documentId}`
/** Where a version too large for localStorage is kept, for as long as the page lives. */
const inMemory = new Map<string, KeptVersion>()

/** Keeps a version (made by ../editor/version-copy.ts); this module stays light, for sign-out. */
export function keepVersion(userId: string, documentId: string, version: KeptVersion): void {
  const key = keyOf(userId, documentId)
  try {
    localStorage.setItem(key, JSON.stringify(version))
  } catch {
    inMemory.set(key, version)
  }
}

export function keptVersion(userId: string, documentId: string): KeptVersion | null {
  const key = keyOf(userId, documentId)
  try {
    const stored = localStorage.getItem(key)
    if (stored) return JSON.parse(stored) as KeptVersion
  } catch {
    // Unreadable storage, or not JSON: what the page may hold in memory.
  }
  return inMemory.get(key) ?? null
}

export function forgetKeptVersion(userId: string, documentId: string): void {
  const key = keyOf(userId, documentId)
  inMemory.delete(key)
  try {
    localStorage.removeItem(key)
  } catch {
    // No storage: nothing was kept there.
  }
}

/** At sign-out, with the documents' local copies. */
export function clearKeptVersions(): void {
  inMemory.clear()
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((key) => key?.startsWith(PREFIX))
    for (const key of keys) localStorage.removeItem(key!)
  } catch {
    // No storage: nothing was kept there.
  }
}
