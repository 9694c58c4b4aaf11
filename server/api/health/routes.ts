import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import type { HealthResponse } from '../../../shared/api'

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, availability } = c.var.deps
  const reachable = await availability.check()
  const body: HealthResponse = {
    status: reachable ? 'ok' : 'degraded',
    database: reachable ? 'ok' : 'unreachable',
    driver: db.driver,
  }
  return c.json(body, reachable ? 200 : 503)
})
