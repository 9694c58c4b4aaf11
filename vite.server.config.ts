import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'

/**
 * The server for production (`npm run build:server`): plain JavaScript in dist/server that
 * `node dist/server/main.js` runs, with no TypeScript loader at run time. Built by Vite (its
 * rolldown bundler), which the client already builds with: no second build tool to keep. ESM,
 * sourcemaps, every npm package left external (installed beside it, as in development).
 * tsx stays the development and test runner.
 */
const root = fileURLToPath(new URL('.', import.meta.url))
const WORKERS = join(root, 'server/workers')
const MIGRATIONS = join(root, 'server/db/migrations')

/**
 * Entry points: the server, and every worker thread's entry in server/workers (all but
 * spawn.ts, which starts them). Each comes out as `<name>.js`, and every chunk sits flat in
 * dist/server, so spawn.ts finds `./<name>.js` next to its own code wherever that lands.
 */
function entries(): Record<string, string> {
  const workers = readdirSync(WORKERS).filter((f) => f.endsWith('.ts') && f !== 'spawn.ts')
  const byName: Record<string, string> = { main: join(root, 'server/main.ts') }
  for (const file of workers) {
    const name = basename(file, '.ts')
    if (byName[name]) throw new Error(`server/workers/${file} would overwrite the ${name}.js entry`)
    byName[name] = join(WORKERS, file)
  }
  return byName
}

/** server/db/migrate.ts reads migrations/*.sql beside its own module, so they go beside the chunks. */
function migrations(): Plugin {
  return {
    name: 'atelier:migrations',
    generateBundle() {
      for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'))) {
        this.emitFile({ type: 'asset', fileName: `migrations/${file}`, source: readFileSync(join(MIGRATIONS, file)) })
      }
    },
  }
}

export default defineConfig({
  root,
  // Nothing of the client's: no public folder, no .env files.
  publicDir: false,
  envDir: false,
  plugins: [migrations()],
  ssr: { target: 'node', external: true },
  build: {
    ssr: true,
    target: 'node20.19',
    outDir: 'dist/server',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: entries(),
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
})
