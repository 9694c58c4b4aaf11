import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { DocumentSummary } from '../../shared/api'
import { artifactPath, launchBrowser, seriousA11yViolations, startAppServer, type AppServer } from './harness'
import { buildWorld, invitePerson, openAs, withApi, type World } from './world'

/**
 * The search results page: from the header's box to every result, narrowed to one type, a
 * page more, a result opened with the keyboard; its empty states; and a phone's width.
 */
let browser: Browser
let server: AppServer
let world: World

const WORD = 'tamarinier'
/** More than one page of results (the page asks for 20 at a time). */
const NOTEBOOKS = 22

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
  world = await buildWorld(server)
  await withApi(server, world.people.pilot, async (api) => {
    for (let n = 1; n <= NOTEBOOKS; n++) {
      await api.send<DocumentSummary>('POST', '/api/documents', {
        space: { type: 'city', id: world.cities.pilot.id },
        kind: 'baseline_study',
        title: `Carnet du ${WORD} n° ${n}`,
        locale: 'fr',
      })
    }
  })
  await invitePerson(
    server,
    world.people.secretariat,
    { name: `Théo ${WORD[0]!.toUpperCase()}${WORD.slice(1)}`, login: 'theo' },
    { role: 'city_team', on: world.cities.pilot },
  )
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

const results = (page: Page) => page.locator('.search-result')
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

describe('the search results page', () => {
  it('goes from the header to every result, narrows to documents, loads more and opens one', async () => {
    const plan = world.documents.plan
    const page = await openAs(browser, server, world.people.pilot, plan.title)
    // A word in a document's text, for a snippet with the word marked.
    await page.locator('.editor-prose').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type(`Le ${WORD} de la place ombrage le marché.`)
    await page.locator('.editor-status[data-status="saved"]').waitFor()
    await expect
      .poll(
        () =>
          page.evaluate(async (w) => {
            const res = await fetch(`/api/search?q=${w}&type=document&limit=50`)
            return ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id)
          }, WORD),
        { timeout: 15_000 },
      )
      .toContain(plan.id)

    // The header's box: its last option, reached with ↑ from the field, opens every result.
    await page.locator('#main').focus()
    await page.keyboard.press('/')
    await page.getByRole('combobox', { name: 'Rechercher' }).pressSequentially(WORD)
    await page.getByRole('option', { name: /^Théo Tamarinier/ }).waitFor()
    const seeAll = page.getByRole('option', { name: `Voir tous les résultats pour « ${WORD} »` })
    await page.keyboard.press('ArrowUp')
    expect(await seeAll.getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}/search?q=${WORD}`)
    expect(await page.getByRole('searchbox', { name: 'Mots recherchés' }).inputValue()).toBe(WORD)

    // Every type: the person first (a name), then the notebooks and the plan; a page of 20.
    await expect.poll(() => results(page).count()).toBe(20)
    expect(await results(page).first().locator('.search-result-type').textContent()).toBe('Personne')
    await page.getByRole('button', { name: 'Tout', exact: true, pressed: true }).waitFor()
    const more = page.getByRole('button', { name: 'Plus de résultats' })
    await more.waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('search-results.png'), fullPage: true })

    // Documents only: the URL says so, the person goes; 23 documents are a page and 3 more.
    await page.getByRole('button', { name: 'Documents', exact: true }).click()
    await page.waitForURL(/[?&]type=document(&|$)/)
    await page.getByRole('button', { name: 'Documents', exact: true, pressed: true }).waitFor()
    // The narrowed answer replaces the first one: the person leaves, a page of documents stays.
    // Both at once: while the new answer loads, the list is empty, which would say nothing.
    await expect.poll(async () => [await results(page).count(), await page.locator('.search-result-type', { hasText: /^Personne$/ }).count()]).toEqual([20, 0])
    await more.click()
    await expect.poll(() => results(page).count()).toBe(NOTEBOOKS + 1)
    expect(await more.count()).toBe(0)
    // The focus is on the first result of the new page, where reading goes on.
    const firstOfPage = await results(page).nth(20).locator('a').textContent()
    await expect.poll(() => focused(page)).toBe(firstOfPage)
    // The plan, found in its text: where, and the word marked in its snippet.
    const planResult = results(page).filter({ hasText: plan.title })
    expect(await planResult.locator('.search-result-snippet mark').first().textContent()).toBe(WORD)
    expect(await planResult.locator('.search-result-meta').textContent()).toContain(world.cities.pilot.name)

    // ↑/↓ walk the results; Enter opens the one reached.
    await page.getByRole('searchbox', { name: 'Mots recherchés' }).focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowDown')
    const second = results(page).nth(1).locator('a')
    const title = (await second.textContent()) ?? ''
    await expect.poll(() => focused(page)).toBe(title)
    const href = (await second.getAttribute('href')) ?? ''
    expect(href).toMatch(new RegExp(`^/documents/[0-9a-f-]{36}\\?q=${WORD}$`))
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}${href}`)
    await page.locator('#document-title', { hasText: title }).waitFor()

    // Back: the page as it was left, narrowed to documents.
    await page.goBack()
    await page.waitForURL(/\/search\?q=tamarinier&type=document$/)
    await expect.poll(() => results(page).count()).toBe(20)
  })

  it('says what to do when nothing is found, or nothing asked, and fits a phone', async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } })).newPage()
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('Adresse e-mail').fill(world.people.pilot.email)
    await page.getByLabel('Mot de passe', { exact: true }).fill(world.people.pilot.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()

    await page.goto(`${server.url}/search`)
    await page.getByText('Saisissez un ou plusieurs mots ci-dessus').waitFor()

    // On a phone the header's search is a button that opens the box across the row; Enter with
    // no result chosen opens the page.
    await page.getByRole('banner').getByRole('button', { name: 'Rechercher' }).click()
    const box = page.getByRole('combobox', { name: 'Rechercher' })
    expect((await box.boundingBox())!.width).toBeGreaterThan(300)
    await box.fill('zzyzx')
    await box.press('Enter')
    await page.waitForURL(`${server.url}/search?q=zzyzx`)
    await page.getByText('Aucun résultat pour « zzyzx ». Vérifiez l’orthographe ou essayez d’autres mots.').waitFor()

    // Other words, typed on the page itself.
    const field = page.getByRole('searchbox', { name: 'Mots recherchés' })
    await field.fill(WORD)
    await field.press('Enter')
    await page.waitForURL(`${server.url}/search?q=${WORD}`)
    await expect.poll(() => results(page).count()).toBe(20)

    // Narrowed to nothing: a way back to every result.
    await page.getByRole('button', { name: 'Commentaires', exact: true }).click()
    await page.getByText(`Aucun résultat pour « ${WORD} » avec ces filtres.`).waitFor()
    await page.getByRole('button', { name: 'Chercher dans tous les résultats' }).click()
    await page.waitForURL(`${server.url}/search?q=${WORD}`)
    await expect.poll(() => results(page).count()).toBe(20)

    // A link's space and kind of document show as filters, each taken off on its own.
    await page.goto(`${server.url}/search?q=${WORD}&space=city:${world.cities.pilot.id}&kind=action_plan`)
    const filters = page.getByRole('list', { name: 'Autres filtres' })
    await filters.getByText(`Espace : ${world.cities.pilot.name}`).waitFor()
    await expect.poll(() => results(page).count()).toBe(1)
    await page.getByRole('button', { name: 'Retirer le filtre « Type de document : Plan d’action »' }).click()
    await page.waitForURL(`${server.url}/search?q=${WORD}&space=city%3A${world.cities.pilot.id}`)
    await expect.poll(() => results(page).count()).toBe(20)

    // A search that fails says so, and tries again when asked.
    await page.route('**/api/search?**', (route) => route.abort())
    await page.goto(`${server.url}/search?q=${WORD}`)
    await page.getByRole('alert').getByText('Impossible de joindre le serveur').waitFor()
    await page.unroute('**/api/search?**')
    await page.getByRole('button', { name: 'Réessayer' }).click()
    await expect.poll(() => results(page).count()).toBe(20)

    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.screenshot({ path: artifactPath('search-results-phone.png'), fullPage: true })
    await page.context().close()
  })
})
