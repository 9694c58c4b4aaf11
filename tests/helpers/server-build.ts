import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** The compiled server, which `npm start` and the Docker image run (`npm run build` makes it). */
export const SERVER_ENTRY = resolve('dist/server/main.js')

/** Node's arguments to run the compiled server, or a clear error when it has not been built. */
export function compiledServerArgs(): string[] {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`Build the server first: npm run build (${SERVER_ENTRY} is missing)`)
  return ['--enable-source-maps', SERVER_ENTRY]
}
