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
