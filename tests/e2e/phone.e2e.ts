import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { LinkResponse, WorkshopView } from '../../shared/api'
import { artifactPath, launchBrowser, selectWords, seriousA11yViolations, startAppServer, untilFocused, type AppServer } from './harness'
import { buildWorld, createDocument, type Person, withApi, type World } from './world'
import type { Locator } from 'playwright-core'

/**
 * Every screen on a phone (390 × 844, touch) and on a tablet held upright (768 × 1024), as a new
 * user would try them: nothing wider than the screen, a header on one row that still leads to
 * the person's name, a document whose text starts near the top with its outline and comments
 * one tap away, a history whose export button is on the screen.
 */
const SIZES = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'tablet', width: 768, height: 1024, mobile: false },
] as const
const QUESTION = 'Laquelle, exactement ?'
type Size = (typeof SIZES)[number]

let browser: Browser
let server: AppServer
let world: World

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

async function pageAt(size: Size): Promise<Page> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: size.width, height: size.height },
    // A phone's browser zooms a page wider than the screen out to fit it; both screens are touched.
    isMobile: size.mobile,
    hasTouch: true,
  })
  return context.newPage()
}

async function signInAt(size: Size, person: Person): Promise<Page> {
  const page = await pageAt(size)
  await page.goto(`${server.url}/signin`)
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(person.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
  return page
}

/** Nothing sticks out sideways: the page is as wide as the screen, not zoomed out to fit. */
async function expectNoSidewaysScroll(page: Page, size: Size, screen: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
  expect(innerWidth, `${screen}: zoomed out to fit something wider`).toBe(size.width)
  expect(scrollWidth, `${screen}: wider than the screen`).toBeLessThanOrEqual(innerWidth)
}

/** The header is one row, and the person's name is there, in the account button or its panel. */
async function expectCompactHeader(page: Page, size: Size, person: Person): Promise<void> {
  const header = (await page.locator('.app-header').boundingBox())!
  expect(header.height, 'header on one row').toBeLessThan(72)
  const account = page.getByRole('button', { name: `${person.name}, votre compte` })
  if (size.name === 'tablet') expect(await account.innerText()).toContain(person.name)
  await account.click()
  const panel = page.locator('.account-panel')
  await panel.getByText(person.name, { exact: true }).waitFor()
  const box = (await panel.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(size.width)
  await panel.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'hidden' })
}

/** Whether all of it is on the screen as it is scrolled now. */
async function onScreen(locator: Locator, size: Size): Promise<boolean> {
  const box = await locator.boundingBox()
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
}

it('the first-run setup page fits both screens', async () => {
  for (const size of SIZES) {
    const page = await pageAt(size)
    await page.goto(`${server.url}/setup`)
    await page.getByRole('button', { name: /Créer/ }).first().waitFor()
    await expectNoSidewaysScroll(page, size, 'setup')
    await page.context().close()
  }
})

describe('signed in', () => {
  let workshop: WorkshopView
  let invitation: LinkResponse
  beforeAll(async () => {
    world = await buildWorld(server)
    const { people, network, cities } = world
    workshop = await withApi(server, people.secretariat, (api) =>
      api.post<WorkshopView>(`/api/networks/${network.id}/workshops`, {
        title: 'Atelier au téléphone',
        startsOn: '2026-03-02',
        endsOn: '2026-03-03',
        place: 'Salle',
      }),
    )
    invitation = await withApi(server, people.secretariat, (api) =>
      api.post<LinkResponse>('/api/invitations', { role: 'city_team', space: { type: 'city', id: cities.pilot.id }, email: 'nouvelle@essai.example' }),
    )
  })

  describe.each(SIZES)('on a $name ($width × $height)', (size) => {
    it('sign-in and an invitation, signed out', async () => {
      const page = await pageAt(size)
      await page.goto(`${server.url}/signin`)
      await page.getByLabel('Adresse e-mail').waitFor()
      await expectNoSidewaysScroll(page, size, 'sign-in')
      await page.goto(invitation.url)
      await page
        .getByRole('button', { name: /Accepter|Créer mon compte/ })
        .first()
        .waitFor()
      await expectNoSidewaysScroll(page, size, 'invitation')
      await page.context().close()
    })

    it('home and the network screen: one header row with the name reachable; no sideways scroll', async () => {
      const { people, network } = world
      const page = await signInAt(size, people.secretariat)
      await expectNoSidewaysScroll(page, size, 'home')
      await expectCompactHeader(page, size, people.secretariat)
      await page.screenshot({ path: artifactPath(`${size.name}-home.png`) })
      if (size.name === 'phone') {
        // The search is a button that opens the field across the row, which closes it again.
        await page.getByRole('button', { name: 'Rechercher' }).click()
        const field = page.getByRole('combobox', { name: 'Rechercher' })
        await untilFocused(field)
        await page.keyboard.type('Kappa')
        await page
          .getByRole('option', { name: /Kappaville/ })
          .first()
          .waitFor()
        expect(await onScreen(field, size)).toBe(true)
        expect((await page.locator('.app-header').boundingBox())!.height).toBeLessThan(72)
        await page.getByRole('button', { name: 'Fermer la recherche' }).click()
        await field.waitFor({ state: 'detached' })
      }
      expect(await seriousA11yViolations(page), 'home').toEqual([])

      await page.goto(`${server.url}/networks/${network.id}`)
      await page.locator('.membership').first().waitFor()
      await expectNoSidewaysScroll(page, size, 'network')
      await page.screenshot({ path: artifactPath(`${size.name}-network.png`) })
      expect(await seriousA11yViolations(page), 'network').toEqual([])
      await page.context().close()
    })

    it('the other screens: a city, the dashboard, a workshop, the practices, search results, mail settings', async () => {
      const { people, network, cities } = world
      const page = await signInAt(size, people.secretariat)
      const screens = [
        { name: 'city', path: `/cities/${cities.pilot.id}`, ready: page.getByRole('heading', { level: 1, name: cities.pilot.name }) },
        { name: 'dashboard', path: `/networks/${network.id}/dashboard`, ready: page.locator('table.dashboard') },
        { name: 'workshop', path: `/workshops/${workshop.id}`, ready: page.getByRole('heading', { level: 1, name: workshop.title }) },
        { name: 'practices', path: '/practices', ready: page.getByRole('heading', { name: 'Observatoire des bonnes pratiques' }) },
        { name: 'search', path: '/search?q=plan', ready: page.locator('.search-result').first() },
        { name: 'mail settings', path: '/me', ready: page.getByRole('heading', { level: 1, name: 'Vos courriels' }) },
      ]
      for (const screen of screens) {
        await page.goto(`${server.url}${screen.path}`)
        await screen.ready.waitFor()
        await expectNoSidewaysScroll(page, size, screen.name)
        if (screen.name === 'dashboard') expect(await seriousA11yViolations(page), 'dashboard').toEqual([])
      }
      await page.context().close()
    })

    it('a document: the text near the top, the outline in a sheet, a comment written then opened by tapping its words', async () => {
      const { people, cities } = world
      const doc = await createDocument(
        server,
        people.pilot,
        cities.pilot,
        'action_plan',
        `Plan d’action — sur ${size.name === 'phone' ? 'téléphone' : 'tablette'}`,
      )
      const page = await signInAt(size, people.pilot)
      await page.getByRole('link', { name: doc.title }).first().click()
      await page.locator('.editor-status[data-status="saved"], .editor-status[data-status="live"]').waitFor()
      const prose = page.locator('.editor-prose')
      expect((await prose.boundingBox())!.y, 'where the text starts').toBeLessThan(size.height * 0.4)
      await expectNoSidewaysScroll(page, size, 'document')

      // The outline: a sheet whose last heading brings the text there.
      await page.getByRole('button', { name: 'Plan', exact: true }).click()
      const outline = page.getByRole('dialog', { name: 'Plan' })
      const entry = outline.getByRole('navigation').getByRole('button').last()
      const heading = prose
        .locator('h1, h2, h3')
        .filter({ hasText: await entry.innerText() })
        .last()
      expect(await onScreen(heading, size)).toBe(false)
      await entry.click()
      await outline.waitFor({ state: 'hidden' })
      await expect.poll(() => onScreen(heading, size)).toBe(true)

      // A comment on words of a new sentence: written in the sheet, which then shows the thread.
      await prose.locator('h2').first().locator('xpath=following-sibling::*[1]').click()
      await page.keyboard.press('End')
      await page.keyboard.type('Une place ombragée pour chaque quartier.')
      await page.locator('.editor-status[data-status="saved"]').waitFor()
      await selectWords(page, 'place ombragée')
      await page.getByRole('button', { name: 'Commenter' }).click()
      const sheet = page.getByRole('dialog', { name: 'Commentaires' })
      const box = sheet.getByRole('combobox', { name: /Votre commentaire/ })
      await box.pressSequentially(QUESTION)
      // Closed by mistake before sending: the comments button brings the words back.
      await sheet.getByRole('button', { name: 'Fermer' }).click()
      await sheet.waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: 'Commentaires, 0 ouvert' }).click()
      await expect.poll(() => box.inputValue()).toBe(QUESTION)
      await box.press('Control+Enter')
      const thread = sheet.locator('.thread-card', { hasText: QUESTION })
      await sheet.getByRole('button', { name: 'Tous les commentaires (1)' }).waitFor()
      expect(await thread.locator('.comment-body').innerText()).toBe(QUESTION)
      await sheet.getByRole('button', { name: 'Fermer' }).click()
      await sheet.waitFor({ state: 'hidden' })

      // Tapping the highlighted words puts a writer's caret there; their thread opens one tap away, on the screen.
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.locator('.comment-highlight', { hasText: 'place ombragée' }).tap()
      const peek = page.getByRole('button', { name: 'Voir le commentaire' })
      await peek.waitFor()
      expect(await sheet.isVisible()).toBe(false)
      // The caret is in the sentence of those words, in the text, which has the focus.
      const caret = await page.evaluate(() => {
        const at = window.getSelection()?.anchorNode
        const element = at instanceof Element ? at : at?.parentElement
        return { sentence: element?.closest('p')?.textContent, inText: document.activeElement?.classList.contains('editor-prose') }
      })
      expect(caret).toEqual({ sentence: expect.stringContaining('place ombragée'), inText: true })
      await peek.tap()
      await thread.waitFor()
      expect(await onScreen(thread, size)).toBe(true)
      expect(await thread.locator('.comment-body').innerText()).toBe(QUESTION)
      await expectNoSidewaysScroll(page, size, 'document with a comment open')
      await page.screenshot({ path: artifactPath(`${size.name}-document-comment.png`) })
      expect(await seriousA11yViolations(page), 'comment sheet').toEqual([])
      await page.keyboard.press('Escape')
      await sheet.waitFor({ state: 'hidden' })

      // The comments button lists every thread.
      await page.getByRole('button', { name: 'Commentaires, 1 ouvert' }).click()
      await sheet.getByRole('radiogroup', { name: 'Afficher' }).waitFor()
      await thread.waitFor()
      await page.context().close()
    })

    it('the version history: « Exporter la version en cours » and its formats on the screen', async () => {
      const { people, cities } = world
      const doc = await createDocument(server, people.pilot, cities.pilot, 'experimentation_log', `Journal — historique sur ${size.name}`)
      await withApi(server, people.pilot, async (api) => {
        for (const name of ['V1', 'V2']) await api.post(`/api/documents/${doc.id}/versions`, { name })
      })
      const page = await signInAt(size, people.pilot)
      await page.goto(`${server.url}/documents/${doc.id}/history`)
      const exportButton = page.getByRole('button', { name: 'Exporter la version en cours' })
      await exportButton.waitFor()
      await page.locator('.version').nth(1).waitFor()
      expect(await onScreen(exportButton, size)).toBe(true)
      await expectNoSidewaysScroll(page, size, 'history')
      await exportButton.click()
      const menu = page.getByRole('menu')
      await menu.waitFor()
      expect(await onScreen(menu, size)).toBe(true)
      await page.screenshot({ path: artifactPath(`${size.name}-history.png`) })
      expect(await seriousA11yViolations(page), 'history').toEqual([])
      await page.context().close()
    })
  })
})
