import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './infra/precompress'
import { preloadChunks } from './infra/preload-chunks'
import { pwa } from './infra/pwa'
import { signInShell } from './infra/sign-in-shell'

const apiPort = Number(process.env.ATELIER_API_PORT) || 3000
const apiTarget = `http://127.0.0.1:${apiPort}`
/** /api is the REST API; /collab is the live-editing WebSocket. */
const proxy = {
  '/api': { target: apiTarget },
  '/collab': { target: apiTarget, ws: true },
}

/**
 * The browser client (tests are configured in vitest.config.ts). `vite` serves client/ and
 * forwards /api and /collab to the Hono server, so the browser sees one origin. The Host
 * header is passed on as the browser sent it (no changeOrigin): the server's CSRF check
 * compares Origin with Host when PUBLIC_URL is not set.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  // French is the first language of every new visitor (i18n/locale.ts): its messages come with the entry.
  plugins: [react(), preloadChunks(['client/src/i18n/fr.ts']), signInShell(), pwa(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: true,
    // The editor chunk (Tiptap, ProseMirror, Yjs) is ~580 kB raw / ~185 kB gzip and loads only
    // when a document opens; the first page stays far below this.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries that change rarely get their own long-cached file, so a release of Atelier
          // only costs returning users (often on slow links) the app's own code. Listed by name:
          // a catch-all node_modules group would also pull lazily loaded libraries (the future
          // editor) into the first download.
          // zod has a file of its own: only forms use it, once submitted, so the first page goes without it.
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
            },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
})
