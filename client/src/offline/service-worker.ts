import type { Workbox } from 'workbox-window'

/**
 * Registers the service worker built by infra/pwa.ts (production builds only: in development
 * Vite serves the sources and there is no worker) and tells the screens when a new version of
 * Atelier is waiting. It is never let in by itself: the person chooses when to reload.
 */
let workbox: Workbox | null = null
let registration: ServiceWorkerRegistration | undefined
let waiting = false
let reloadAsked = false
const listeners = new Set<() => void>()

/** A long-open tab asks now and then whether a new version was released (navigations do it otherwise). */
const UPDATE_CHECK_MS = 60 * 60 * 1000

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  // After the page has loaded: on a slow line, the first screen comes first.
  if (document.readyState === 'complete') void start()
  else window.addEventListener('load', () => void start(), { once: true })
}

async function start(): Promise<void> {
  const { Workbox } = await import('workbox-window')
  const wb = new Workbox('/sw.js')
  wb.addEventListener('waiting', () => {
    waiting = true
    for (const listener of listeners) listener()
  })
  wb.addEventListener('controlling', (event) => {
    if (reloadAsked) window.location.reload()
    else if (!event.isUpdate) void handOverLoadedFiles(wb)
  })
  registration = await wb.register()
  workbox = wb
  setInterval(() => void wb.update().catch(() => {}), UPDATE_CHECK_MS)
}

/**
 * On the first visit the page loaded its files before the worker existed, so the worker never
 * saw them; it now keeps those it would have kept (scripts under /assets/, the API reads
 * infra/pwa.ts lists), mostly from the HTTP cache. A document opened before the worker took
 * control then reopens offline too.
 */
async function handOverLoadedFiles(wb: Workbox): Promise<void> {
  const urlsToCache = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === window.location.origin)
  await wb.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache } })
}

export function subscribeToUpdate(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function updateWaiting(): boolean {
  return waiting
}

/** Lets the waiting version in; this page reloads once it has taken over. */
export function applyUpdate(): void {
  if (!workbox) return
  // Let in already from another tab: it controls this page too, which only has to reload.
  if (!registration?.waiting) {
    window.location.reload()
    return
  }
  reloadAsked = true
  workbox.messageSkipWaiting()
}
