import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staticClient } from '../../server/http/static-client'
import { precompress } from '../../infra/precompress'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildDocument, buildNetwork, buildPerson, signIn } from '../helpers/world'

/** What a slow link needs: assets sent compressed as the build left them, API answers compressed as they go. */
describe('compressed assets from the build', () => {
  let dir: string
  const script = `export const words = ${JSON.stringify('Atelier '.repeat(2000))}\n`
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-assets-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Atelier</title>${'<!-- padding -->'.repeat(100)}`)
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), script)
    writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'export {}\n')
    writeFileSync(join(dir, 'sw.js'), script)
    writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Atelier', start_url: '/' }))
    const plugin = precompress() as unknown as { configResolved(c: { build: { outDir: string } }): void; closeBundle: { handler(): Promise<void> } }
    plugin.configResolved({ build: { outDir: dir } })
    await plugin.closeBundle.handler()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the build writes a brotli and a gzip copy of each text asset worth it, not of tiny ones', () => {
    expect(readdirSync(join(dir, 'assets')).sort()).toEqual(['app-abc123.js', 'app-abc123.js.br', 'app-abc123.js.gz', 'tiny-abc123.js'])
  })

  it('sends the copy the browser accepts, brotli first, with Vary: Accept-Encoding, and the plain file to those that accept none', async () => {
    const app = staticClient(dir, 'atelier_session')
    const get = (encoding?: string) => app.request('/assets/app-abc123.js', { headers: encoding ? { 'accept-encoding': encoding } : {} })
    const br = await get('gzip, deflate, br')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toContain('Accept-Encoding')
    expect(br.headers.get('cache-control')).toContain('immutable')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(brotliDecompressSync(brBytes).toString()).toBe(script)
    expect(brBytes.length).toBeLessThan(script.length / 10)
    const gz = await get('gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script)
    const plain = await get()
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(script)
  })

  it('serves the service worker compressed, and it and the manifest with no-cache: their names stay the same across releases', async () => {
    const app = staticClient(dir, 'atelier_session')
    const sw = await app.request('/sw.js', { headers: { 'accept-encoding': 'br' } })
    expect(sw.headers.get('content-type')).toMatch(/javascript/)
    expect(sw.headers.get('content-encoding')).toBe('br')
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    const manifest = await app.request('/manifest.webmanifest')
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json')
    expect(manifest.headers.get('cache-control')).toBe('no-cache')
    expect(await manifest.json()).toEqual({ name: 'Atelier', start_url: '/' })
  })

  it('compresses the page itself for any route the app handles', async () => {
    const res = await staticClient(dir, 'atelier_session').request('/documents/42', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toContain('<title>Atelier</title>')
  })
})

describe.each(DRIVERS)('compressed API answers, on %s', (driver) => {
  const t = useTestApp(driver)

  it('a JSON answer is gzipped for a browser that accepts it, and plain for one that does not', async () => {
    const network = await buildNetwork(t.db)
    const person = await buildPerson(t.db, 'Sam Sec', [{ role: 'secretariat', on: network }])
    for (let i = 0; i < 12; i++) await buildDocument(t.db, network, { title: `Fiche thématique numéro ${i} sur les espaces publics` })
    const client = await signIn(t.app, person)
    const zipped = await t.app.app.request('/api/documents', { headers: { cookie: client.cookie, 'accept-encoding': 'gzip, br' } })
    expect(zipped.status).toBe(200)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toContain('Accept-Encoding')
    const raw = Buffer.from(await zipped.arrayBuffer())
    const documents = JSON.parse(gunzipSync(raw).toString())
    expect(documents).toHaveLength(12)
    expect(raw.length).toBeLessThan(JSON.stringify(documents).length / 3)
    const plain = await t.app.app.request('/api/documents', { headers: { cookie: client.cookie } })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.json()).toEqual(documents)
  })
})
