import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, errorFromResponse } from './client'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('errorFromResponse', () => {
  it('reads code, fields and retryAfter from the API error body', async () => {
    const error = await errorFromResponse(json(400, { error: { code: 'invalid_input', message: 'Invalid', fields: [{ path: 'email', message: 'required' }] } }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('invalid_input')
    expect(error.status).toBe(400)
    expect(error.fields).toEqual([{ path: 'email', message: 'required' }])

    const limited = await errorFromResponse(json(429, { error: { code: 'rate_limited', message: 'Slow down', retryAfter: 120 } }))
    expect(limited.retryAfter).toBe(120)
  })

  it('falls back to the Retry-After header', async () => {
    const error = await errorFromResponse(json(429, { error: { code: 'rate_limited', message: 'x' } }, { 'retry-after': '30' }))
    expect(error.retryAfter).toBe(30)
  })

  it('maps a non-JSON answer (a proxy error page) from its status', async () => {
    expect((await errorFromResponse(new Response('<h1>Bad gateway</h1>', { status: 502 }))).code).toBe('unavailable')
    expect((await errorFromResponse(new Response('', { status: 500 }))).code).toBe('internal')
    expect((await errorFromResponse(new Response('', { status: 404 }))).code).toBe('not_found')
  })

  it('keeps the document a conflict names (a visit report that already exists)', async () => {
    const document = { id: 'd1', title: 'Rapport de visite — Cotonou' }
    expect((await errorFromResponse(json(409, { error: { code: 'conflict', message: 'x', document } }))).document).toEqual(document)
    expect((await errorFromResponse(json(409, { error: { code: 'conflict', message: 'x', document: 'd1' } }))).document).toBeUndefined()
  })

  it('does not trust an unknown code', async () => {
    expect((await errorFromResponse(json(409, { error: { code: 'something_new', message: 'x' } }))).code).toBe('conflict')
  })
})

describe('api', () => {
  it('sends JSON with same-origin credentials and returns the parsed body', async () => {
    const fetch = vi.fn(async () => json(201, { id: 'd1' }))
    vi.stubGlobal('fetch', fetch)
    await expect(api.post<{ id: string }>('/api/documents', { kind: 'action_plan' })).resolves.toEqual({ id: 'd1' })
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(path).toBe('/api/documents')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json')
    expect(init.body).toBe('{"kind":"action_plan"}')
  })

  it('returns undefined for 204 No Content', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    )
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined()
  })

  it('throws ApiError with code network when no answer comes back', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    await expect(api.get('/api/me')).rejects.toMatchObject({ code: 'network', status: 0 })
  })

  it('tells listeners when the session has ended', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { error: { code: 'unauthenticated', message: 'Sign in' } })),
    )
    const listener = vi.fn()
    const stop = api.onUnauthenticated(listener)
    await expect(api.get('/api/documents')).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(listener).toHaveBeenCalledTimes(1)
    stop()
    await expect(api.get('/api/documents')).rejects.toBeInstanceOf(ApiError)
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('does not treat wrong credentials as an ended session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { error: { code: 'invalid_credentials', message: 'Wrong' } })),
    )
    const listener = vi.fn()
    const stop = api.onUnauthenticated(listener)
    await expect(api.post('/api/auth/login', {})).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(listener).not.toHaveBeenCalled()
    stop()
  })
})
