/**
 * How deeply JSON-like values from clients may nest. The editor never goes past a few levels;
 * a value nested thousands deep would overflow the stack wherever it is written back out.
 */
export const MAX_NESTING = 32

/** Whether `value` nests arrays or objects deeper than `max` (stops looking as soon as it does). */
export function nestedDeeperThan(value: unknown, max = MAX_NESTING, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false
  if (depth >= max) return true
  for (const child of Object.values(value)) if (nestedDeeperThan(child, max, depth + 1)) return true
  return false
}
