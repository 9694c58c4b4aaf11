import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { editorText, launchBrowser, openDocument, startAppServer, typeUnder, type AppServer } from './harness'
import { buildWorld, createDocument, openAs, signInPage, withApi, type World } from './world'

/**
 * After one visit, Atelier and the documents opened then reopen with no network at all, in a
 * new tab: the service worker serves the app and the API reads it kept, the text comes from the
 * device's IndexedDB copy. Edits made offline reach the server once the connection returns.
 * Signing out leaves none of the person's API answers in the browser's Cache Storage.
 */
let browser: Browser
let server: AppServer
let world: World
/** This file's server serves a copy of the built client, so that a test can release a new version of it. */
let copy: string
const client = () => join(copy, 'dist/client')
beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'atelier-offline-'))
  cpSync(resolve('dist/client'), client(), { recursive: true })
  browser = await launchBrowser()
  server = await startAppServer({}, { cwd: copy })
  world = await buildWorld(server)
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
  rmSync(copy, { recursive: true, force: true })
})

const OFFLINE = 'Hors ligne — vos modifications sont gardées sur cet appareil'
/** For what crosses from one browser to the other: generous, a busy machine is slow, not wrong. */
const LIVE = { timeout: 20_000 }

/** Every response in Cache Storage, as "cache name path". */
function kept(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const entries: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) entries.push(`${name} ${new URL(request.url).pathname}`)
    }
    return entries
  })
}

/** Waits until the service worker controls the page (it installs after the first page has loaded). */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

describe('offline, after one visit', () => {
  it('a document opened before reopens in a new tab with no network, takes edits, and sends them once back online', async () => {
    const { people, cities } = world
    const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', 'Plan d’action — rouvert sans réseau')
    const first = await signInPage(browser, server, people.pilot)
    const context = first.context()
    await openDocument(first, plan.title)
    await typeUnder(first, 'Exposé du problème', 'Écrit avec le réseau.')
    await first.locator('.editor-status[data-status="saved"]').waitFor()
    await controlled(first)
    // What the worker keeps for this: the document's reads and the editor's code (fetched once, by the page).
    await expect
      .poll(() => kept(first))
      .toEqual(
        expect.arrayContaining([
          'atelier-api /api/me',
          `atelier-api /api/documents/${plan.id}`,
          `atelier-api /api/documents/${plan.id}/comments`,
          expect.stringMatching(/^atelier-assets \/assets\/DocumentPage-[\w-]+\.js$/),
        ]),
      )

    await context.setOffline(true)
    // The worker's own requests are cut too: renamed on the server, the document keeps the name kept on the device.
    await withApi(server, people.pilot, (api) => api.send('PATCH', `/api/documents/${plan.id}`, { title: 'Plan d’action — renommé pendant la coupure' }))
    const title = await first.evaluate(async (id) => ((await (await fetch(`/api/documents/${id}`)).json()) as { title: string }).title, plan.id)
    expect(title).toBe(plan.title)
    await first.close()

    const tab = await context.newPage()
    await tab.goto(`${server.url}/documents/${plan.id}`)
    await tab.locator('#document-title', { hasText: plan.title }).waitFor()
    await expect.poll(() => editorText(tab)).toContain('Écrit avec le réseau.')
    await tab.getByText(OFFLINE, { exact: true }).waitFor()
    await typeUnder(tab, 'Vision pour l’avenir', 'Écrit dans un nouvel onglet, sans réseau.')
    await expect.poll(() => editorText(tab)).toContain('Écrit dans un nouvel onglet, sans réseau.')
    expect(await tab.locator('.editor-status').getAttribute('data-status')).toBe('offline')

    // The home page too, with its list of documents.
    const home = await context.newPage()
    await home.goto(server.url)
    await home.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await home.getByRole('link', { name: plan.title }).first().waitFor()
    await home.getByText(OFFLINE, { exact: true }).waitFor()
    await home.close()

    await context.setOffline(false)
    await expect.poll(() => tab.getByText(OFFLINE, { exact: true }).count()).toBe(0)
    await expect.poll(() => tab.locator('.editor-status').getAttribute('data-status'), LIVE).toBe('saved')
    // Someone else, elsewhere, reads what was written offline.
    const pilotCity = await openAs(browser, server, people.pilot, 'Plan d’action — renommé pendant la coupure')
    await expect.poll(() => editorText(pilotCity), LIVE).toContain('Écrit dans un nouvel onglet, sans réseau.')
    await context.close()
  })

  it('signing out removes the kept API answers; the next person starts with none of them', async () => {
    const { people, cities } = world
    const study = await createDocument(server, people.member, cities.member, 'action_plan', 'Plan d’action — ordinateur partagé')
    const page = await signInPage(browser, server, people.member)
    await controlled(page)
    await openDocument(page, study.title)
    await expect.poll(() => kept(page)).toContain(`atelier-api /api/documents/${study.id}`)
    expect((await kept(page)).filter((e) => e.startsWith('atelier-api ')).length).toBeGreaterThan(1)

    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByRole('heading', { name: 'Connexion' }).waitFor()
    await expect.poll(async () => (await kept(page)).filter((e) => e.startsWith('atelier-api '))).toEqual([])

    // Another person signs in on the same browser, and comes back to the page: the server refuses
    // them that document, and nothing kept for the first person answers instead.
    await page.getByLabel('Adresse e-mail').fill(people.other.email)
    await page.getByLabel('Mot de passe', { exact: true }).fill(people.other.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByText('Vous n’avez pas l’autorisation de faire cela.', { exact: false }).waitFor()
    const me = await page.evaluate(async () => (await (await caches.open('atelier-api')).match('/api/me'))?.json() as Promise<{ user: { email: string } }>)
    expect(me.user.email).toBe(people.other.email)
    expect(await kept(page)).not.toContain(`atelier-api /api/documents/${study.id}`)
    await page.context().close()
  })

  it('a document opened before reopens from what the device kept, without waiting for the server’s summary', async () => {
    const { people, cities } = world
    const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', 'Plan d’action — rouvert sans attendre')
    const page = await signInPage(browser, server, people.pilot)
    const context = page.context()
    await controlled(page)
    await openDocument(page, plan.title)
    await typeUnder(page, 'Exposé du problème', 'Gardé sur l’appareil.')
    await page.locator('.editor-status[data-status="saved"]').waitFor()
    await expect.poll(() => kept(page)).toContain(`atelier-api /api/documents/${plan.id}`)

    // The server's answer about the document is held back (a slow line), then let through.
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let asked = 0
    await context.route(`**/api/documents/${plan.id}`, async (route) => {
      asked++
      await held
      await route.continue()
    })
    await page.reload()
    await page.locator('.editor-prose[contenteditable="true"]', { hasText: 'Gardé sur l’appareil.' }).waitFor()
    await page.locator('#document-title', { hasText: plan.title }).waitFor()
    expect(asked).toBeGreaterThan(0)
    release()
    await typeUnder(page, 'Vision pour l’avenir', 'Écrit avant la réponse.')
    await expect.poll(() => page.locator('.editor-status').getAttribute('data-status'), LIVE).toBe('saved')
    await context.close()
  })

  it('a language chosen online is the one an offline reopening shows', async () => {
    const page = await signInPage(browser, server, world.people.funder)
    const context = page.context()
    await controlled(page)
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
    // The account's new language is what the kept /api/me says.
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('atelier-api')).match('/api/me'))?.json() as Promise<{ user: { locale: string } }>))
      .toMatchObject({ user: { locale: 'en' } })
    await context.setOffline(true)
    const tab = await context.newPage()
    await tab.goto(server.url)
    await tab.getByRole('heading', { name: /^Hello/ }).waitFor()
    await tab.getByText('Offline — your changes are kept on this device', { exact: true }).waitFor()
    expect(await tab.getAttribute('html', 'lang')).toBe('en')
    await context.close()
  })

  it('kept answers are not shown once the session they were kept for has ended, even with no network to ask', async () => {
    const { people, cities } = world
    const notes = await createDocument(server, people.member, cities.member, 'action_plan', 'Plan d’action — session finie hors ligne')
    const page = await signInPage(browser, server, people.member)
    const context = page.context()
    await controlled(page)
    await openDocument(page, notes.title)
    await expect.poll(() => kept(page)).toContain(`atelier-api /api/documents/${notes.id}`)
    // The session ends while the device is offline (it expired, or the browser was closed without
    // signing out): the server cannot say so, but the kept /api/me knows when it was to end.
    await context.setOffline(true)
    await page.evaluate(async () => {
      const cache = await caches.open('atelier-api')
      const me = (await (await cache.match('/api/me'))!.json()) as { sessionExpiresAt: string }
      await cache.put('/api/me', Response.json({ ...me, sessionExpiresAt: new Date(Date.now() - 60_000).toISOString() }))
    })

    const tab = await context.newPage()
    await tab.goto(server.url)
    await tab.getByRole('heading', { name: 'Impossible de charger Atelier' }).waitFor()
    expect(await tab.getByText(notes.title).count()).toBe(0)
    await expect.poll(async () => (await kept(tab)).filter((e) => e.startsWith('atelier-api '))).toEqual([])
    await context.close()
  })

  it('a new version waits for « Recharger »: a quiet notice that takes no focus; the page reloads on it only when asked', async () => {
    const page = await signInPage(browser, server, world.people.secretariat)
    const context = page.context()
    await controlled(page)
    // A release, as the browser sees it: sw.js with other bytes than the running worker's.
    const sw = join(client(), 'sw.js')
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// ${Date.now()}\n`)
    rmSync(`${sw}.br`, { force: true })
    rmSync(`${sw}.gz`, { force: true })

    const search = page.getByRole('combobox', { name: 'Rechercher' })
    await search.click()
    await search.pressSequentially('places')
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    const notice = page.getByRole('status').filter({ hasText: 'Une nouvelle version d’Atelier est prête.' })
    await notice.waitFor()
    // The person typing goes on typing where they were.
    await page.keyboard.type(' ombragées')
    await expect.poll(() => search.inputValue()).toBe('places ombragées')
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true)

    // Done searching: the suggestions close, then the person lets the new version in.
    await search.press('Escape')
    const reloaded = page.waitForEvent('load', LIVE)
    await notice.getByRole('button', { name: 'Recharger' }).click()
    await reloaded
    await page.getByRole('link', { name: world.documents.sheet.title }).first().waitFor()
    await expect.poll(() => page.getByText('Une nouvelle version d’Atelier est prête.').count()).toBe(0)
    await context.close()
  })
})
