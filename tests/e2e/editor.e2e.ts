import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, editorText, launchBrowser, newContext, selectToLineStart, startAppServer, type AppServer, typeUnder } from './harness'
import { buildWorld, createDocument, giveRole, openAs, type World } from './world'

/**
 * The live editor in two real browsers, on the test's own world: the pilot city's team and a
 * member city's team (given by the secretariat a peer expert's role on the pilot city's space)
 * co-write an action plan of the pilot city, a new one for each test.
 */
let browser: Browser
let server: AppServer
let world: World
beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
  world = await buildWorld(server)
  await giveRole(server, world, world.people.member, { role: 'expert', expertKind: 'international', on: world.cities.pilot })
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

const status = (page: Page) => page.locator('.editor-status').getAttribute('data-status')

const text = editorText

/** Puts the caret at the end of the paragraph that follows a section heading. */
describe('co-writing an action plan from two cities', () => {
  /** Both teams on a new action plan of the pilot city, its template saved. */
  async function bothOnNewPlan(title: string): Promise<{ pilot: Page; member: Page }> {
    const plan = await createDocument(server, world.people.pilot, world.cities.pilot, 'action_plan', title)
    const pilot = await openAs(browser, server, world.people.pilot, plan.title)
    const member = await openAs(browser, server, world.people.member, plan.title)
    await pilot.locator('.editor-status[data-status="saved"]').waitFor()
    await member.locator('.editor-status[data-status="saved"]').waitFor()
    return { pilot, member }
  }

  it('what one types appears for the other, with each other’s named caret and presence', async () => {
    const { people, cities } = world
    const { pilot, member } = await bothOnNewPlan('Plan d’action — saisie à deux')
    await typeUnder(pilot, 'Exposé du problème', 'Les places du centre sont peu éclairées.')
    await expect.poll(() => text(member)).toContain('Les places du centre sont peu éclairées.')
    await typeUnder(member, 'Exposé du problème', ' Dans l’autre ville aussi.')
    await expect.poll(() => text(pilot)).toContain('Les places du centre sont peu éclairées. Dans l’autre ville aussi.')

    await expect.poll(() => pilot.locator('.collaboration-carets__label').allInnerTexts()).toContain(`${people.member.name} · ${cities.member.name}`)
    await expect.poll(() => member.locator('.collaboration-carets__label').allInnerTexts()).toContain(`${people.pilot.name} · ${cities.pilot.name}`)
    const avatar = pilot.getByRole('button', { name: `Aller au curseur de ${people.member.name} (${cities.member.name} · Expert·e)` })
    await avatar.click()
    await expect.poll(() => pilot.locator('.collaboration-carets__caret[data-user-id]').count()).toBeGreaterThan(0)

    await expect.poll(() => status(pilot)).toBe('saved')
    expect(await pilot.locator('.editor-status').innerText()).toBe('Toutes les modifications sont enregistrées')
    await saveSideBySide(pilot, member, 'two-editors.png')
  })

  it('undo takes back only my own edits', async () => {
    const { pilot, member } = await bothOnNewPlan('Plan d’action — annulation')
    await typeUnder(pilot, 'Vision pour l’avenir', 'Vision de la ville pilote.')
    await typeUnder(member, 'Analyse du contexte local', 'Objectif de la ville membre.')
    await expect.poll(() => text(pilot)).toContain('Objectif de la ville membre.')
    await pilot.locator('.editor-prose h2', { hasText: 'Vision pour l’avenir' }).locator('xpath=following-sibling::*[1]').click()
    // Undo groups keystrokes typed close together; one press takes the whole sentence back.
    await pilot.keyboard.press('Control+z')
    await expect.poll(() => text(member)).not.toContain('Vision de la ville pilote.')
    expect(await text(pilot)).toContain('Objectif de la ville membre.')
    expect(await text(member)).toContain('Objectif de la ville membre.')
  })

  it('offline, typing goes on; back online, both converge and the status said so', async () => {
    const { pilot, member } = await bothOnNewPlan('Plan d’action — hors ligne')
    await pilot.context().setOffline(true)
    await expect.poll(() => status(pilot)).toBe('offline')
    await typeUnder(pilot, 'Engagement des parties prenantes', 'Écrit dans le bus, sans réseau.')
    await expect.poll(() => pilot.locator('.editor-status').innerText()).toMatch(/gardées sur cet appareil/)

    // Leaving now would lose nothing (IndexedDB keeps it), but the browser still asks first.
    let asked = false
    pilot.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload'
      void dialog.dismiss()
    })
    await pilot.close({ runBeforeUnload: true })
    await expect.poll(() => asked).toBe(true)
    expect(pilot.isClosed()).toBe(false)
    expect(await text(member)).not.toContain('Écrit dans le bus')

    await pilot.context().setOffline(false)
    await expect.poll(() => text(member), { timeout: 20_000 }).toContain('Écrit dans le bus, sans réseau.')
    await expect.poll(() => status(pilot), { timeout: 20_000 }).toBe('saved')
    expect(await text(pilot)).toBe(await text(member))
  })

  it('formats with the toolbar and the keyboard, outlines the headings and counts words', async () => {
    const { pilot, member } = await bothOnNewPlan('Plan d’action — mise en forme')
    await typeUnder(pilot, 'Conception de la solution', 'Réunion publique mensuelle')
    await selectToLineStart(pilot)
    await pilot.keyboard.press('Control+b')
    await expect.poll(() => member.locator('.editor-prose strong', { hasText: 'Réunion publique mensuelle' }).count()).toBe(1)
    await pilot.keyboard.press('End')
    await pilot.keyboard.press('Enter')
    await pilot.getByRole('button', { name: 'Insérer un tableau' }).click()
    await expect.poll(() => member.locator('.editor-prose table').count()).toBe(1)
    await pilot.getByRole('button', { name: 'Ajouter une ligne' }).waitFor()

    const outline = pilot.getByRole('navigation', { name: 'Plan' })
    expect(await outline.getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining(['Exposé du problème', 'Conception de la solution']))
    const words = Number((await pilot.locator('.word-count').innerText()).replace(/\D/g, ''))
    expect(words).toBeGreaterThan(20)
  })

  it('everything typed is there after a reload, from the server', async () => {
    const { pilot, member } = await bothOnNewPlan('Plan d’action — rechargement')
    await typeUnder(pilot, 'Exposé du problème', 'Écrit par la ville pilote.')
    await typeUnder(member, 'Analyse du contexte local', 'Écrit par la ville membre.')
    await expect.poll(() => text(member)).toContain('Écrit par la ville pilote.')
    const before = await text(member)
    await member.reload()
    await member.locator('.editor-prose').waitFor()
    await expect.poll(() => text(member)).toBe(before)
  })
})

describe('people who may not write', () => {
  it('a funder follows a network document live but cannot change it, and is told why', async () => {
    const { people, network } = world
    const sheet = await createDocument(server, people.secretariat, network, 'thematic_sheet', 'Fiche thématique — lecture seule')
    const funder = await openAs(browser, server, people.funder, sheet.title)
    const secretariat = await openAs(browser, server, people.secretariat, sheet.title)
    await funder.getByText('en lecture seule : votre rôle ne permet pas de le modifier').waitFor()
    expect(await funder.getByRole('toolbar').count()).toBe(0)
    expect(await funder.locator('.editor-prose').getAttribute('contenteditable')).toBe('false')

    // The text has come from the server (in one message) before it is read.
    await funder.locator('.editor-prose h2').first().waitFor()
    const before = await text(funder)
    await funder.locator('.editor-prose h2').first().click()
    await funder.keyboard.type('tentative du financeur')
    await funder.keyboard.press('Enter')
    expect(await text(funder)).toBe(before)

    await typeUnder(secretariat, 'Situation actuelle', 'Note du secrétariat.')
    await expect.poll(() => text(funder)).toContain('Note du secrétariat.')
    await expect.poll(() => status(funder)).toBe('live')
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
