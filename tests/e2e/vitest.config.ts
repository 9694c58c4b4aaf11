import { defineConfig } from 'vitest/config'

/** Browser tests: the built client served by the real server, driven in Debian's Chromium. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // What one browser sees of another's edit arrives when both machines' loads allow; a busy CI
    // machine takes more than vitest's 1 s default, which says nothing about the product.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Each file starts its own server and browser; two at once is what two cores carry well.
    maxWorkers: 2,
  },
})
