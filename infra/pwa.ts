import type { Plugin, Rolldown } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { API_CACHE } from '../client/src/offline/api-cache'
import { SIGN_IN_SHELL } from '../shared/client-build'

/**
 * The API reads that reopening the app and a document offline needs (GET only): who is signed
 * in, the home page's lists, the header's notifications, and a document's summary, comments,
 * workflow and cycles. The text itself comes from IndexedDB (client/src/collab/session.ts).
 * Nothing else is kept: other screens say they cannot load, as before.
 */
const OFFLINE_READS = /^https?:\/\/[^/]+\/api\/(?:me|documents|notifications|workshops|documents\/[^/?#]+(?:\/(?:comments|workflow|cycles))?)$/

/**
 * The service worker (Workbox, generated at build time) and the installable web app manifest.
 *
 * What it downloads is chosen for a 400 kb/s line. Installing precaches only the shell: the
 * page, the entry script with what it imports statically (vendor, the sign-in and home
 * screens), their CSS, the icons and the manifest — files the first page has just loaded, so
 * they come from the HTTP cache, not the wire. Every other hashed file under /assets/ (the
 * editor chunk, ~560 kB raw) is kept CacheFirst the first time the app itself fetches it, so
 * a document opened once reopens offline without the worker ever fetching the whole app.
 * Files the page fetched before the worker took control are handed to it once
 * (client/src/offline/service-worker.ts).
 *
 * Navigations get the cached page (the app routes itself), except the server's own paths:
 * /api (downloads), /collab (the live socket) and /mail/ (the one-click unsubscribe).
 * A new version waits until the person clicks « Recharger » (registerType 'prompt').
 * Off in development (`npm run dev`): Vite serves the sources there, and no worker is built.
 */
export function pwa(): Plugin[] {
  const shell = new Set<string>()
  return [
    {
      name: 'atelier-pwa-shell',
      apply: 'build',
      generateBundle(_options, bundle) {
        for (const file of staticClosureOfEntries(bundle)) shell.add(file)
      },
    },
    ...VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The browser fetches the icons itself when it offers to install; the worker need not spend a slow line on them.
      includeManifestIcons: false,
      manifest: {
        name: 'Atelier',
        short_name: 'Atelier',
        description: 'L’espace de travail collaboratif des réseaux de villes.',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // styles.css: the header's --surface (as index.html's theme-color) and the page's --bg.
        theme_color: '#ffffff',
        background_color: '#f7f7f5',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        manifestTransforms: [
          // The sign-in page's first form (infra/sign-in-shell.ts) is for visitors the worker has not met yet.
          async (entries) => ({ manifest: entries.filter((e) => e.url !== SIGN_IN_SHELL && (!e.url.startsWith('assets/') || shell.has(e.url))), warnings: [] }),
        ],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/collab/, /^\/mail\//],
        clientsClaim: true,
        // One file for the worker: sw.js is fetched with no-cache on each update check.
        inlineWorkboxRuntime: true,
        runtimeCaching: [
          {
            urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'atelier-assets',
              // Hashed names never change; old releases' files age out.
              expiration: { maxEntries: 150, purgeOnQuotaError: true },
              cacheableResponse: { statuses: [200] },
            },
          },
          {
            urlPattern: OFFLINE_READS,
            method: 'GET',
            handler: 'NetworkFirst',
            options: {
              // Emptied whenever the person changes: see client/src/offline/api-cache.ts.
              cacheName: API_CACHE,
              // No timeout: on a slow line a late answer is still the truth, and a kept copy served
              // instead would hide a change just made (a reply, a stage) or a refusal (401).
              cacheableResponse: { statuses: [200] },
              plugins: [
                {
                  // The cache exists only while someone is signed in here (api-cache.ts): an answer
                  // that arrives after a sign-out, for the person who left, is not written back.
                  // (Copied into sw.js as text, so the name is spelt out: it is API_CACHE.)
                  cacheWillUpdate: async ({ response }) => ((await caches.has('atelier-api')) ? response : null),
                  // Offline, kept answers are shown only while the session they were kept for lasts
                  // (its end is in the kept /api/me): a session that ended while the device was
                  // offline, or a browser closed without signing out, leaves them to no one.
                  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
                    if (!cachedResponse) return null
                    const me = await (await caches.open('atelier-api')).match('/api/me')
                    const endsAt = Date.parse((await me?.json().catch(() => null))?.sessionExpiresAt)
                    if (endsAt > Date.now()) return cachedResponse
                    await caches.delete('atelier-api')
                    return null
                  },
                },
              ],
            },
          },
        ],
      },
    }),
  ]
}

/** The entry chunks, every chunk they import statically, and the CSS those chunks bring. */
function staticClosureOfEntries(bundle: Rolldown.OutputBundle): string[] {
  const seen = new Set<string>()
  const visit = (fileName: string) => {
    const chunk = bundle[fileName]
    if (!chunk || chunk.type !== 'chunk' || seen.has(fileName)) return
    seen.add(fileName)
    for (const css of chunk.viteMetadata?.importedCss ?? []) seen.add(css)
    for (const imported of chunk.imports) visit(imported)
  }
  for (const output of Object.values(bundle)) if (output.type === 'chunk' && output.isEntry) visit(output.fileName)
  return [...seen]
}
