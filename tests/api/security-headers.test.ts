import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { openTestDb, type TestDb } from '../helpers/db'
import { ORIGIN, testApp } from '../helpers/app'

/** Every response, API or client, carries the security headers; the browser test (tests/e2e) shows the client runs under them. */

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

describe('security headers', () => {
  let db: TestDb
  let clientDir: string
  beforeAll(async () => {
    db = await openTestDb('pglite')
    clientDir = mkdtempSync(join(tmpdir(), 'atelier-client-'))
    mkdirSync(join(clientDir, 'assets'))
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>')
    writeFileSync(join(clientDir, 'assets', 'app.js'), 'export {}')
  })
  afterAll(async () => {
    rmSync(clientDir, { recursive: true, force: true })
    await db.drop()
  })

  it('are on the app page, its assets, API answers and API errors', async () => {
    const { app } = createApp(testApp(db).deps, { clientDir })
    for (const path of ['/', '/documents/some-id', '/assets/app.js', '/api/health', '/api/nowhere']) {
      const res = await app.request(`${ORIGIN}${path}`)
      expect(res.status, path).toBeLessThan(500)
      const h = res.headers
      expect(h.get('content-security-policy'), path).toBe(CSP)
      expect(h.get('x-content-type-options'), path).toBe('nosniff')
      expect(h.get('referrer-policy'), path).toBe('same-origin')
      expect(h.get('x-frame-options'), path).toBe('DENY')
      expect(h.get('cross-origin-opener-policy'), path).toBe('same-origin')
      expect(h.get('cross-origin-resource-policy'), path).toBe('same-origin')
      expect(h.get('strict-transport-security'), path).toMatch(/^max-age=\d+/)
      expect(h.get('permissions-policy'), path).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    }
  })

  it('are on refusals too: a cross-site request refused before any route runs', async () => {
    const { client } = testApp(db)
    const res = await client().request('POST', '/api/auth/login', { json: { email: 'x@example.org', password: 'p' }, origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
  })
})
