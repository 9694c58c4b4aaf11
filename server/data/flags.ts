import type { Queryable } from '../db/db'

/** Sets a one-time flag; true only for the caller that set it first. */
export async function setFlagOnce(q: Queryable, name: string): Promise<boolean> {
  const rows = await q.query(`insert into app_flags (name) values ($1) on conflict do nothing returning name`, [name])
  return rows.length > 0
}
