import type { FieldError } from '../api/client'
import type { Message } from '../i18n/types'

/** Per-field messages, keyed by the field's path ('email', 'space.id'). */
export type FieldErrors = Record<string, Message>

/** The parts of a zod issue the forms need (zod 4 issues are assignable to this). */
export type IssueLike = {
  code: string
  path: readonly PropertyKey[]
  minimum?: unknown
  maximum?: unknown
  format?: unknown
  message?: string
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'bigint') return Number(value)
  return null
}

/** One zod issue as a translated message; `empty` tells whether the field was left blank. */
export function issueMessage(issue: IssueLike, empty: boolean): Message {
  if (empty) return { key: 'validation.required' }
  switch (issue.code) {
    case 'too_small': {
      const min = toNumber(issue.minimum)
      return min === null || min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', values: { min } }
    }
    case 'too_big': {
      const max = toNumber(issue.maximum)
      return max === null ? { key: 'validation.invalid' } : { key: 'validation.tooLong', values: { max } }
    }
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'validation.email' } : serverFieldMessage(issue.message ?? '')
    default:
      // Refinements ('custom') carry only their text, the same the server would send.
      return serverFieldMessage(issue.message ?? '')
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let current = values
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

/** zod issues → the first message per field. */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], values: unknown): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const path = issue.path.map(String).join('.')
    if (errors[path]) continue
    errors[path] = issueMessage(issue, isBlank(valueAt(values, issue.path)))
  }
  return errors
}

/**
 * The server's `fields` for invalid_input carry English text only (the messages of the shared
 * zod schemas), so they are recognised here and translated; anything else gets a generic text.
 */
export function serverFieldMessage(message: string): Message {
  const text = message.trim().toLowerCase()
  if (text === 'required') return { key: 'validation.required' }
  const atLeast = /at least (\d+) character/.exec(text)
  if (atLeast) return { key: 'validation.tooShort', values: { min: Number(atLeast[1]) } }
  const atMost = /at most (\d+) character/.exec(text)
  if (atMost) return { key: 'validation.tooLong', values: { max: Number(atMost[1]) } }
  if (/e-?mail/.test(text)) return { key: 'validation.email' }
  if (text.includes('language code')) return { key: 'validation.languageCode' }
  if (text.includes('expected a date')) return { key: 'validation.date' }
  if (text.includes('two or three days')) return { key: 'validation.workshopDays' }
  return { key: 'validation.invalid' }
}

export function fieldErrorsFromServer(fields: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const field of fields) {
    const path = field.path.replace(/^body\./, '')
    if (!errors[path]) errors[path] = serverFieldMessage(field.message)
  }
  return errors
}

type SafeParser<T> = {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } }
}

/** Validates form values with a shared schema: the parsed body, or the per-field messages. */
export function validate<T>(schema: SafeParser<T>, values: unknown): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: fieldErrorsFromIssues(result.error.issues, values) }
}
