/**
 * Each document opened here is kept in IndexedDB, per person, so it opens and can be edited
 * offline. Signing out removes them: city halls share computers.
 */
const PREFIX = 'atelier:'

export function localCopyName(userId: string, documentId: string): string {
  return `${PREFIX}${userId}:${documentId}`
}

export async function clearLocalCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const databases = await indexedDB.databases()
  await Promise.all(
    databases
      .map((d) => d.name)
      .filter((name): name is string => !!name?.startsWith(PREFIX))
      .map(deleteLocalCopy),
  )
}

/** Removes one document's copy; resolves when done, or when the browser would not (a failure must not block what follows). */
export function deleteLocalCopy(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}
