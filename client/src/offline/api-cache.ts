import type { MeResponse } from '../../../shared/api'

/**
 * The API answers the service worker keeps so that the app and the documents opened before
 * reopen with no network (the reads are listed in infra/pwa.ts). They are one person's data and
 * city halls share computers, so this cache never outlives the person it was filled for: it is
 * deleted on signing out, on every sign-in, and whenever the server says the session ended, and
 * the worker writes into it only while it exists (so an answer still on its way at sign-out is
 * dropped). One person's answers are therefore never served to someone else.
 */
export const API_CACHE = 'atelier-api'

/** Deletes every kept API answer. */
export async function forgetCachedApi(): Promise<void> {
  if (typeof caches === 'undefined') return
  await caches.delete(API_CACHE)
}

/**
 * After a sign-in: the previous person's answers go, before this person's screens ask for
 * anything. Their /api/me is kept too: the sign-in answered it, so the app never asks for it
 * while this session lasts, and an offline reopen needs it to know who is signed in.
 */
export async function startCachedApi(me: MeResponse): Promise<void> {
  if (typeof caches === 'undefined') return
  await caches.delete(API_CACHE)
  await (await caches.open(API_CACHE)).put('/api/me', Response.json(me))
}

/**
 * The account changed (its language, say): the kept /api/me becomes the server's new answer, so
 * that a reopening with no network shows the account as it is now, not as it was.
 */
export async function keepCachedMe(me: MeResponse): Promise<void> {
  if (typeof caches === 'undefined' || !(await caches.has(API_CACHE))) return
  await (await caches.open(API_CACHE)).put('/api/me', Response.json(me))
}

/** At start, with a session: its answers may be kept (the cache may not exist yet, e.g. before this release). */
export async function resumeCachedApi(): Promise<void> {
  if (typeof caches === 'undefined') return
  await caches.open(API_CACHE)
}

/**
 * A kept answer, while the session it was kept for lasts (as the worker checks, infra/pwa.ts):
 * a screen shows it at once and replaces it with the server's answer when that arrives.
 */
export async function keptAnswer<T>(path: string): Promise<T | undefined> {
  if (typeof caches === 'undefined' || !(await caches.has(API_CACHE))) return undefined
  const cache = await caches.open(API_CACHE)
  const me = (await (await cache.match('/api/me'))?.json()) as Partial<MeResponse> | undefined
  if (!(Date.parse(me?.sessionExpiresAt ?? '') > Date.now())) return undefined
  return (await (await cache.match(path))?.json()) as T | undefined
}
