import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  artifactPath,
  editorText,
  grantCityRole,
  launchBrowser,
  newContext,
  openDocument,
  selectToLineStart,
  signIn,
  startAppServer,
  type AppServer,
} from './harness'

/**
 * The live editor in two real browsers, on the demonstration network. Aminata Diallo (Dakar,
 * the pilot city) and Koffi Kouassi (Abidjan, invited by the secretariat as a peer expert on
 * Dakar's space) co-write Dakar's action plan.
 */
const PLAN = 'Plan d’action — Dakar'

let browser: Browser
let server: AppServer
beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer({ ATELIER_DEMO: '1' })
  await grantCityRole(browser, server, 'abidjan@demo.atelier', 'Dakar')
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

const status = (page: Page) => page.locator('.editor-status').getAttribute('data-status')

const text = editorText

/** Puts the caret at the end of the paragraph that follows a section heading. */
async function typeUnder(page: Page, heading: string, words: string) {
  await page.locator('.editor-prose h2', { hasText: heading }).locator('xpath=following-sibling::*[1]').click()
  await page.keyboard.press('End')
  await page.keyboard.type(words)
}

describe('co-writing an action plan from two cities', () => {
  let dakar: Page
  let abidjan: Page

  beforeAll(async () => {
    dakar = await signIn(browser, server, 'pilote@demo.atelier')
    abidjan = await signIn(browser, server, 'abidjan@demo.atelier')
    await openDocument(dakar, PLAN)
    await openDocument(abidjan, PLAN)
    await dakar.locator('.editor-status[data-status="saved"]').waitFor()
    await abidjan.locator('.editor-status[data-status="saved"]').waitFor()
  })
  afterAll(async () => {
    await dakar?.context().close()
    await abidjan?.context().close()
  })

  it('what one types appears for the other, with each other’s named caret and presence', async () => {
    await typeUnder(dakar, 'Exposé du problème', 'Les places du centre sont peu éclairées.')
    await expect.poll(() => text(abidjan)).toContain('Les places du centre sont peu éclairées.')
    await typeUnder(abidjan, 'Exposé du problème', ' À Abidjan aussi.')
    await expect.poll(() => text(dakar)).toContain('Les places du centre sont peu éclairées. À Abidjan aussi.')

    await expect.poll(() => dakar.locator('.collaboration-carets__label').allInnerTexts()).toContain('Koffi Kouassi · Abidjan')
    await expect.poll(() => abidjan.locator('.collaboration-carets__label').allInnerTexts()).toContain('Aminata Diallo · Dakar')
    const avatar = dakar.getByRole('button', { name: /Aller au curseur de Koffi Kouassi \(Abidjan · Expert·e\)/ })
    await avatar.click()
    await expect.poll(() => dakar.locator('.collaboration-carets__caret[data-user-id]').count()).toBeGreaterThan(0)

    await expect.poll(() => status(dakar)).toBe('saved')
    expect(await dakar.locator('.editor-status').innerText()).toBe('Toutes les modifications sont enregistrées')
    await saveSideBySide(dakar, abidjan, 'two-editors.png')
  })

  it('undo takes back only my own edits', async () => {
    await typeUnder(dakar, 'Vision pour l’avenir', 'Vision de Dakar.')
    await typeUnder(abidjan, 'Analyse du contexte local', 'Objectif d’Abidjan.')
    await expect.poll(() => text(dakar)).toContain('Objectif d’Abidjan.')
    await dakar.locator('.editor-prose h2', { hasText: 'Vision pour l’avenir' }).locator('xpath=following-sibling::*[1]').click()
    // Undo groups keystrokes typed close together; one press takes the whole sentence back.
    await dakar.keyboard.press('Control+z')
    await expect.poll(() => text(abidjan)).not.toContain('Vision de Dakar.')
    expect(await text(dakar)).toContain('Objectif d’Abidjan.')
    expect(await text(abidjan)).toContain('Objectif d’Abidjan.')
  })

  it('offline, typing goes on; back online, both converge and the status said so', async () => {
    await dakar.context().setOffline(true)
    await expect.poll(() => status(dakar)).toBe('offline')
    await typeUnder(dakar, 'Engagement des parties prenantes', 'Écrit dans le bus, sans réseau.')
    await expect.poll(() => dakar.locator('.editor-status').innerText()).toMatch(/gardées sur cet appareil/)

    // Leaving now would lose nothing (IndexedDB keeps it), but the browser still asks first.
    let asked = false
    dakar.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload'
      void dialog.dismiss()
    })
    await dakar.close({ runBeforeUnload: true })
    await expect.poll(() => asked).toBe(true)
    expect(dakar.isClosed()).toBe(false)
    expect(await text(abidjan)).not.toContain('Écrit dans le bus')

    await dakar.context().setOffline(false)
    await expect.poll(() => text(abidjan), { timeout: 20_000 }).toContain('Écrit dans le bus, sans réseau.')
    await expect.poll(() => status(dakar), { timeout: 20_000 }).toBe('saved')
    expect(await text(dakar)).toBe(await text(abidjan))
  })

  it('formats with the toolbar and the keyboard, outlines the headings and counts words', async () => {
    await typeUnder(dakar, 'Conception de la solution', 'Réunion publique mensuelle')
    await selectToLineStart(dakar)
    await dakar.keyboard.press('Control+b')
    await expect.poll(() => abidjan.locator('.editor-prose strong', { hasText: 'Réunion publique mensuelle' }).count()).toBe(1)
    await dakar.keyboard.press('End')
    await dakar.keyboard.press('Enter')
    await dakar.getByRole('button', { name: 'Insérer un tableau' }).click()
    await expect.poll(() => abidjan.locator('.editor-prose table').count()).toBe(1)
    await dakar.getByRole('button', { name: 'Ajouter une ligne' }).waitFor()

    const outline = dakar.getByRole('navigation', { name: 'Plan' })
    expect(await outline.getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining(['Exposé du problème', 'Conception de la solution']))
    const words = Number((await dakar.locator('.word-count').innerText()).replace(/\D/g, ''))
    expect(words).toBeGreaterThan(20)
  })

  it('everything typed is there after a reload, from the server', async () => {
    const before = await text(abidjan)
    await abidjan.reload()
    await abidjan.locator('.editor-prose').waitFor()
    await expect.poll(() => text(abidjan)).toBe(before)
  })
})

describe('people who may not write', () => {
  it('a funder follows a network document live but cannot change it, and is told why', async () => {
    const funder = await signIn(browser, server, 'financeur@demo.atelier')
    const secretariat = await signIn(browser, server, 'secretariat@demo.atelier')
    const title = 'Fiche thématique — Espaces publics inclusifs'
    await openDocument(funder, title)
    await openDocument(secretariat, title)
    await funder.getByText('en lecture seule : votre rôle ne permet pas de le modifier').waitFor()
    expect(await funder.getByRole('toolbar').count()).toBe(0)
    expect(await funder.locator('.editor-prose').getAttribute('contenteditable')).toBe('false')

    const before = await text(funder)
    await funder.locator('.editor-prose h2').first().click()
    await funder.keyboard.type('tentative du financeur')
    await funder.keyboard.press('Enter')
    expect(await text(funder)).toBe(before)

    await typeUnder(secretariat, 'Situation actuelle', 'Note du secrétariat.')
    await expect.poll(() => text(funder)).toContain('Note du secrétariat.')
    await expect.poll(() => status(funder)).toBe('live')
    await funder.context().close()
    await secretariat.context().close()
  })
})

/** One picture of both editors side by side, composed in the browser from the two screenshots. */
async function saveSideBySide(left: Page, right: Page, name: string) {
  const [a, b] = await Promise.all([left.screenshot(), right.screenshot()])
  const context = await newContext(browser)
  const page = await context.newPage()
  await page.setViewportSize({ width: 2 * 1280 + 16, height: 800 })
  const img = (png: Buffer) => `<img src="data:image/png;base64,${png.toString('base64')}" width="1280" height="800">`
  await page.setContent(`<body style="margin:0;display:flex;gap:16px;background:#333">${img(a)}${img(b)}</body>`)
  await page.screenshot({ path: artifactPath(name) })
  await context.close()
  expect(readFileSync(artifactPath(name)).length).toBeGreaterThan(10_000)
}
