import { afterAll, beforeAll } from 'vitest'
import { testApp } from './app'
import { openTestDb, type Driver, type TestDb } from './db'

/**
 * The real app on a fresh database of the driver, for the describe block that calls it: opened
 * before its tests; after them its live documents are stored and stopped and the database dropped.
 * Read `db` and `app` inside the tests (they are set once the block starts).
 */
export function useTestApp(driver: Driver): { db: TestDb; app: ReturnType<typeof testApp> } {
  const opened = {} as { db: TestDb; app: ReturnType<typeof testApp> }
  beforeAll(async () => {
    opened.db = await openTestDb(driver)
    opened.app = testApp(opened.db)
  })
  afterAll(async () => {
    await opened.app.deps.hub.shutdown()
    await opened.db.drop()
  })
  return opened
}
