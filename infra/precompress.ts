import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** Text the browser downloads: scripts, styles, the page itself, fonts' and icons' SVG, the catalogues. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/
/** Below this, the encoded copy saves less than the headers cost. */
const MIN_BYTES = 1024

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the build, once,
 * at the highest levels: the server sends the one the browser accepts (serveStatic's
 * `precompressed`), so `npm start` serves compressed assets with no proxy in front and no work
 * per request.
 */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'atelier-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    // Last, after every other plugin's closeBundle: the service worker (infra/pwa.ts) is written
    // there, and it must be compressed too.
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        for (const file of await filesUnder(outDir)) {
          if (!COMPRESSIBLE.test(file) || (await stat(file)).size < MIN_BYTES) continue
          const content = await readFile(file)
          const br = await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } })
          await writeFile(`${file}.br`, br)
          await writeFile(`${file}.gz`, await gzipped(content, { level: constants.Z_BEST_COMPRESSION }))
        }
      },
    },
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))))
  return nested.flat()
}
