import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { newContext, openDocument, seriousA11yViolations, untilFocused, type AppServer } from './harness'
import { createDocument, signInPage, type World, setUpBrowserWorld } from './world'

/** axe-core on the main screens of the test's own workspace: no serious or critical violation. */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

describe('accessibility of the main screens', () => {
  it('sign-in, with an error shown', async () => {
    const page = await (await newContext(browser)).newPage()
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('Adresse e-mail').fill(world.people.pilot.email)
    await page.getByLabel('Mot de passe').fill('pas le bon')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.context().close()
  })

  it('home, and the new-document dialog', async () => {
    const page = await signInPage(browser, server, world.people.pilot)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page
      .getByRole('button', { name: /Nouveau document/ })
      .first()
      .click()
    await page.getByRole('dialog').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.context().close()
  })

  it('a network screen for the secretariat, with its dialogs open (an invitation link, adding a city, a confirmation)', async () => {
    const page = await signInPage(browser, server, world.people.secretariat)
    await page.getByRole('link', { name: world.network.name }).first().click()
    await page.locator('.membership').first().waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Inviter quelqu’un' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Où').waitFor()
    expect(await seriousA11yViolations(page), 'invitation form').toEqual([])
    await dialog.getByRole('button', { name: 'Créer le lien d’invitation' }).click()
    await dialog.getByLabel('Lien d’invitation').waitFor()
    expect(await seriousA11yViolations(page), 'invitation link').toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: 'Ajouter une ville' }).click()
    await dialog.getByLabel('Nom de la ville').waitFor()
    expect(await seriousA11yViolations(page), 'adding a city').toEqual([])
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    await page.getByRole('button', { name: `Retirer du réseau la ville de ${world.cities.other.name}` }).click()
    await dialog.getByRole('button', { name: 'Retirer la ville' }).waitFor()
    expect(await seriousA11yViolations(page), 'confirmation').toEqual([])
    await page.context().close()
  })

  it('a network screen for a member city, and a city screen', async () => {
    const city = world.cities.member.name
    const page = await signInPage(browser, server, world.people.member)
    await page.getByRole('link', { name: world.network.name }).first().click()
    await page.locator('.membership').first().waitFor()
    expect(await seriousA11yViolations(page), 'network').toEqual([])
    await page.getByRole('link', { name: city, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: city }).waitFor()
    await page.locator('.document-list').waitFor()
    expect(await seriousA11yViolations(page), 'city').toEqual([])
    await page.context().close()
  })

  it('a document, for a writer (toolbar, presence, outline) and for a reader', async () => {
    const { people, documents } = world
    for (const [person, doc] of [
      [people.pilot, documents.plan],
      [people.funder, documents.sheet],
    ] as const) {
      const page = await signInPage(browser, server, person)
      await page.getByRole('link', { name: doc.title }).first().click()
      await page.locator('.editor-status[data-status="saved"], .editor-status[data-status="live"]').waitFor()
      expect(await seriousA11yViolations(page), person.email).toEqual([])
      await page.context().close()
    }
  })

  it('comments: a new comment with the mention list open, a thread, and the notifications panel', async () => {
    const { people, cities } = world
    const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', 'Plan d’action — commentaires accessibles')
    const page = await signInPage(browser, server, people.pilot)
    await openDocument(page, plan.title)
    await page.locator('.editor-prose h2').first().locator('xpath=following-sibling::*[1]').click()
    await page.keyboard.type('Un passage à relire.')
    await page.keyboard.press('Shift+Home')
    await page.getByRole('button', { name: 'Commenter' }).click()
    await page.getByRole('combobox', { name: /Votre commentaire/ }).pressSequentially(`@${people.secretariat.name.slice(0, 3)}`)
    await page.getByRole('option', { name: people.secretariat.name }).waitFor()
    expect(await seriousA11yViolations(page), 'composer').toEqual([])
    await page.keyboard.press('Enter')
    await page.keyboard.press('Control+Enter')
    await page.locator('.thread-card', { hasText: people.secretariat.name }).waitFor()
    await page.locator('.notifications-button').click()
    expect(await seriousA11yViolations(page), 'thread and notifications').toEqual([])
    await page.context().close()
  })

  it('the version history, with two versions compared, and the export menu open', async () => {
    const log = await createDocument(server, world.people.pilot, world.cities.pilot, 'experimentation_log', 'Journal d’expérimentation — historique accessible')
    const page = await signInPage(browser, server, world.people.pilot)
    await openDocument(page, log.title)
    for (const name of ['V1', 'V2']) {
      await page.locator('.editor-prose h2').first().locator('xpath=following-sibling::*[1]').click()
      await page.keyboard.type(` Étape ${name}.`)
      await page.locator('.editor-status[data-status="saved"]').waitFor()
      await page.getByRole('button', { name: 'Enregistrer une version' }).click()
      await page.getByLabel('Nom de la version').fill(name)
      expect(await seriousA11yViolations(page), 'save dialog').toEqual([])
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
      await page.getByText(`Version « ${name} » enregistrée.`).waitFor()
    }
    await page.getByRole('link', { name: 'Historique des versions' }).first().click()
    await page.locator('.compare-added').first().waitFor()
    await page.getByRole('button', { name: 'Exporter la version en cours' }).click()
    expect(await seriousA11yViolations(page), 'history').toEqual([])
    await page.context().close()
  })
})

describe('keyboard paths', () => {
  it('the sign-in page has the address field focused on arrival', async () => {
    const page = await (await newContext(browser)).newPage()
    await page.goto(`${server.url}/signin`)
    await page.getByRole('heading', { name: 'Connexion' }).waitFor()
    await untilFocused(page.getByLabel('Adresse e-mail'))
    await page.keyboard.type(world.people.pilot.email)
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(world.people.pilot.email)
    await page.context().close()
  })

  it('on a document, the skip link puts the caret in the text; the toolbar is one Tab stop crossed with the arrow keys; Export opens as a menu', async () => {
    const page = await signInPage(browser, server, world.people.pilot)
    const doc = await createDocument(server, world.people.pilot, world.cities.pilot, 'action_plan', 'Plan au clavier')
    await page.reload()
    await openDocument(page, doc.title)
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '')

    // Arriving on the document: Tab reaches the skip link first, Enter puts the caret in the text.
    await page.reload()
    await page.locator('.editor-prose').waitFor()
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Aller au contenu principal')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('Contenu du document')
    await page.keyboard.type('Écrit au clavier. ')
    await page.locator('.editor-prose').getByText('Écrit au clavier.').waitFor()

    // The toolbar: its first tool, then the arrows; Tab leaves it at once.
    const toolbar = page.getByRole('toolbar', { name: 'Mise en forme' })
    await toolbar.getByRole('button', { name: 'Annuler' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toBe('Gras')
    await page.keyboard.press('End')
    expect(await focused()).toBe('Mode d’édition')
    await page.keyboard.press('ArrowLeft')
    expect(await focused()).toBe('Insérer un tableau')
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowRight')
    expect(await focused()).toBe('Annuler')
    expect(await toolbar.locator('[tabindex="0"]').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]') === null)).toBe(true)

    // Export: Enter opens it on its first format, the arrows move, Escape closes it back on the button.
    const exportButton = page.getByRole('button', { name: 'Exporter', exact: true })
    await exportButton.focus()
    await page.keyboard.press('Enter')
    const menu = page.getByRole('menu')
    await menu.waitFor()
    const first = await focused()
    await page.keyboard.press('ArrowDown')
    expect(await focused()).not.toBe(first)
    await page.keyboard.press('ArrowUp')
    expect(await focused()).toBe(first)
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.context().close()
  })
})
