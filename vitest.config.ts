import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'client/**/*.test.ts', 'client/**/*.test.tsx', 'shared/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // PGlite takes a few seconds to create a database; the generous limit is for slow machines, not a target.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
