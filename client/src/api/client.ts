import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../../shared/errors'
import type { DocumentSummary } from '../../../shared/api'

/**
 * Error codes the client can meet: the API's own, plus `network` when no answer came back
 * at all (offline, connection dropped, server down behind the dev proxy).
 */
export type ClientErrorCode = ErrorCode | 'network'

export type FieldError = { path: string; message: string }

export class ApiError extends Error {
  readonly code: ClientErrorCode
  readonly status: number
  readonly fields: FieldError[]
  readonly retryAfter: number | undefined
  /** For a conflict with a document that already exists (a visit's report): that document, to open instead. */
  readonly document: DocumentSummary | undefined

  constructor(code: ClientErrorCode, status: number, message: string, fields: FieldError[] = [], retryAfter?: number, document?: DocumentSummary) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.fields = fields
    this.retryAfter = retryAfter
    this.document = document
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES)

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error = (value as { error: unknown }).error
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
}

/** The code for an answer that is not our JSON error shape (a proxy's HTML 502 page, say). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 413) return 'payload_too_large'
  if (status === 415) return 'unsupported_media_type'
  if (status === 429) return 'rate_limited'
  if (status === 502 || status === 503 || status === 504) return 'unavailable'
  if (status >= 400 && status < 500) return 'invalid_input'
  return 'internal'
}

function retryAfterHeader(response: Response): number | undefined {
  const value = response.headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined
}

/** Turns a non-2xx response into an ApiError. Exported for tests. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: fall back to the status below.
  }
  if (isErrorBody(body)) {
    const { code, message, fields, retryAfter, document } = body.error
    const known: ErrorCode = KNOWN_CODES.has(code) ? code : codeForStatus(response.status)
    return new ApiError(
      known,
      response.status,
      message,
      Array.isArray(fields) ? fields : [],
      typeof retryAfter === 'number' ? retryAfter : retryAfterHeader(response),
      typeof document?.id === 'string' ? document : undefined,
    )
  }
  return new ApiError(codeForStatus(response.status), response.status, `HTTP ${response.status}`, [], retryAfterHeader(response))
}

type Listener = (error: ApiError) => void
const unauthenticatedListeners = new Set<Listener>()

export type RequestOptions = { signal?: AbortSignal }

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: options.signal,
  }
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' }
    init.body = JSON.stringify(body)
  }
  let response: Response
  try {
    response = await fetch(path, init)
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError('network', 0, cause instanceof Error ? cause.message : 'network error')
  }
  if (!response.ok) {
    const error = await errorFromResponse(response)
    if (error.code === 'unauthenticated') for (const listener of unauthenticatedListeners) listener(error)
    throw error
  }
  if (response.status === 204 || response.status === 205) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** A thin typed wrapper over fetch for the same-origin JSON API. Errors are thrown as ApiError. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T = void>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** Called whenever any request answers 401 unauthenticated (the session ended): returns an unsubscribe function. */
  onUnauthenticated(listener: Listener): () => void {
    unauthenticatedListeners.add(listener)
    return () => unauthenticatedListeners.delete(listener)
  },
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
