import { createApp } from '../../server/app'
import { singleInstance } from '../../server/collab/fanout'
import { loadConfig } from '../../server/config'
import type { AppDeps } from '../../server/context'
import { createLogger } from '../../server/logger'
import type { Db } from '../../server/db/db'
import { createDeps } from '../../server/server'

export const ORIGIN = 'http://atelier.test'

/** The real app on a test database, called in-process (no port needed for REST). */
export function testApp(db: Db, overrides: Partial<AppDeps> = {}) {
  const config = { ...loadConfig({}), publicUrl: ORIGIN }
  const deps: AppDeps = { ...createDeps(config, db, createLogger('silent'), singleInstance), ...overrides }
  const { app } = createApp(deps, { clientDir: '/nonexistent' })
  return { app, deps, client: () => new Client(app) }
}

type App = ReturnType<typeof createApp>['app']
export type Reply<T = any> = { status: number; body: T; headers: Headers }

/** A browser-like caller: keeps its session cookie and sends our Origin, unless told otherwise. */
export class Client {
  cookie = ''
  constructor(private readonly app: App) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; raw?: string; origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers }
    if (this.cookie) headers.cookie = this.cookie
    if (options.origin !== null && method !== 'GET') headers.origin = options.origin ?? ORIGIN
    let body: string | undefined
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(options.json)
    } else if (options.raw !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = options.raw
    }
    const res = await this.app.request(`${ORIGIN}${path}`, { method, headers, body })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0]!
      this.cookie = pair.endsWith('=') ? '' : pair
    }
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, json?: unknown) => this.request<T>('POST', path, { json: json ?? {} })
  patch = <T = any>(path: string, json?: unknown) => this.request<T>('PATCH', path, { json: json ?? {} })
  delete = <T = any>(path: string) => this.request<T>('DELETE', path)
  put = <T = any>(path: string, json?: unknown) => this.request<T>('PUT', path, { json: json ?? {} })

  async login(email: string, password: string) {
    const res = await this.post('/api/auth/login', { email, password })
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
}
