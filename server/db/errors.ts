/**
 * Whether a database error may go away by itself (the server restarting, a connection lost, a
 * lock or serialization conflict) rather than being a refusal that will recur (a constraint, bad
 * data). Errors without an SQLSTATE (network errors from the driver) count as passing.
 */
const TRANSIENT_CLASSES = ['08', '40', '53', '55', '57', '58']

export function isTransient(err: unknown): boolean {
  const code = typeof err === 'object' && err && 'code' in err ? String(err.code) : ''
  if (!/^[0-9A-Z]{5}$/.test(code)) return true
  return TRANSIENT_CLASSES.includes(code.slice(0, 2))
}

/** Driver and network errors that mean "no connection to the database", not a problem with the query. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
])
/** SQLSTATEs of a server that is not taking queries: shutting down, starting up, out of connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])

/**
 * Whether an error means the database cannot be reached right now (answer 503 and retry later),
 * rather than that this query failed. A database thread dying counts too.
 */
export function isUnavailable(err: unknown): boolean {
  const code = typeof err === 'object' && err && 'code' in err ? String(err.code) : ''
  if (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true
  return err instanceof Error && /^The thread of .+ (failed|stopped)|^The database is closed/.test(err.message)
}
