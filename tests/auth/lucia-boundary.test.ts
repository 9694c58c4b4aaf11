import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
// Spelled apart so that this file does not match itself.
const IMPORTS_LUCIA = new RegExp(`(from|import\\(|declare module)\\s*['"]${'lu' + 'cia'}['"]`)

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('lucia stays inside server/auth/', () => {
  it('no module elsewhere imports it, so replacing it means rewriting that folder only', () => {
    const outside = ['server', 'client', 'shared', 'tests']
      .flatMap(sources)
      .filter((path) => !path.startsWith('server/auth/'))
      .filter((path) => IMPORTS_LUCIA.test(readFileSync(join(ROOT, path), 'utf8')))
    expect(outside).toEqual([])
  })
})
