import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { artifactPath, seriousA11yViolations, typeUnder, type AppServer } from './harness'
import { openAs, signInPage, type World, setUpBrowserWorld } from './world'

/**
 * The good-practices observatory: the pilot city's team publishes a section of its action plan
 * from the document's page; another city's team finds it from the header by searching, reads the
 * copy (not the private plan) and comments on it.
 */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

describe('the good-practices observatory', () => {
  it('a section published from a document is found, read and commented on from another city’s account', async () => {
    const { people, documents, network } = world
    const pilot = await openAs(browser, server, people.pilot, documents.plan.title)
    await typeUnder(pilot, 'Exposé du problème', 'Des parasols solaires rendent la place fréquentable à midi.')
    await pilot.locator('.editor-status[data-status="saved"]').waitFor()

    await pilot.getByRole('button', { name: 'Publier comme bonne pratique' }).click()
    const dialog = pilot.getByRole('dialog', { name: 'Publier comme bonne pratique' })
    await dialog.getByLabel('Titre').fill('Des parasols solaires sur la place')
    await dialog.getByLabel('Résumé').fill('Une place rendue fréquentable aux heures chaudes.')
    expect(await dialog.getByLabel('Thèmes').inputValue()).toBe(network.theme)
    await dialog.getByLabel('Axe stratégique').selectOption({ label: 'Coopération' })
    await dialog.getByLabel('Partie publiée').selectOption('Exposé du problème')
    expect(await seriousA11yViolations(pilot), 'publishing dialog').toEqual([])
    await dialog.getByRole('button', { name: 'Publier', exact: true }).click()
    await pilot.getByRole('heading', { name: 'Des parasols solaires sur la place', level: 1 }).waitFor()
    expect(await pilot.getByRole('link', { name: `Document source : ${documents.plan.title}` }).count()).toBe(1)
    expect(await pilot.getByRole('document', { name: 'Contenu de la pratique' }).textContent()).toContain('Des parasols solaires rendent la place')
    expect(await seriousA11yViolations(pilot), 'practice page, for its publisher').toEqual([])

    // Another city's team: from the header, a search, the practice.
    const other = await signInPage(browser, server, people.other)
    await other.getByRole('link', { name: 'Bonnes pratiques' }).click()
    await other.getByRole('heading', { name: 'Observatoire des bonnes pratiques' }).waitFor()
    await other.getByLabel('Rechercher dans les pratiques').fill('parasols')
    await other.getByRole('button', { name: 'Rechercher', exact: true }).click()
    await expect.poll(() => other.url()).toContain('q=parasols')
    await other.getByText('1 pratique', { exact: true }).waitFor()
    expect(await seriousA11yViolations(other), 'the library').toEqual([])
    await other.getByRole('link', { name: 'Des parasols solaires sur la place' }).click()
    await other.getByRole('heading', { name: 'Des parasols solaires sur la place', level: 1 }).waitFor()
    const copy = other.getByRole('document', { name: 'Contenu de la pratique' })
    expect(await copy.textContent()).toContain('Des parasols solaires rendent la place fréquentable à midi.')
    // The section only: the plan's next heading is not in the copy.
    expect(await copy.textContent()).not.toContain('Analyse du contexte local')
    // The plan is the pilot city's own: no link to it.
    expect(await other.getByRole('link', { name: /Document source/ }).count()).toBe(0)
    expect(await other.getByText('Section « Exposé du problème »', { exact: false }).count()).toBe(1)

    await other.getByLabel('Votre commentaire').fill('Nous voulons l’essayer à Deltaville.')
    await other.getByRole('button', { name: 'Commenter' }).click()
    await other.locator('.practice-comments li', { hasText: 'Nous voulons l’essayer à Deltaville.' }).waitFor()
    expect(await other.locator('.practice-comments li').first().textContent()).toContain(people.other.name)
    expect(await seriousA11yViolations(other), 'practice page, for a reader').toEqual([])

    // A search with no match says so.
    await other.goto(`${server.url}/practices?q=introuvable`)
    await other.getByText('Aucune pratique ne correspond à ces critères.').waitFor()
    await other.screenshot({ path: artifactPath('practices.png'), fullPage: true })
    await other.context().close()
  })
})
