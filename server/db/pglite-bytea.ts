/**
 * bytea in PostgreSQL's hex text form ("\x" then two digits a byte), through Buffer's native hex
 * codec. PGlite's own codec goes through one JS string or number per byte: seconds of CPU for a
 * few megabytes.
 */

export function serializeBytea(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new Error('Invalid input for bytea type')
  return '\\x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** The result owns its ArrayBuffer exactly (never a slice of Buffer's shared pool), so it can be transferred. */
export function parseBytea(text: string): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow((text.length - 2) >>> 1)
  // Unsafe allocation: a short write would hand out stale memory, so it is an error.
  if (!text.startsWith('\\x') || bytes.write(text.slice(2), 'hex') !== bytes.length) throw new Error('Invalid bytea text from the database')
  return bytes
}
