import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import type { HealthResponse } from '../../../shared/api'

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.var.deps
  let reachable = true
  try {
    await Promise.race([
      db.query('select 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ])
  } catch {
    reachable = false
  }
  const body: HealthResponse = {
    status: reachable ? 'ok' : 'degraded',
    database: reachable ? 'ok' : 'unreachable',
    driver: db.driver,
  }
  return c.json(body, reachable ? 200 : 503)
})
