import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { artifactPath, type AppServer } from './harness'
import { createDocument, signInPage, withApi, type World, setUpBrowserWorld } from './world'

/**
 * A city's City WORKS tracker on its page: the pilot city's team, which started raising awareness
 * before preparing (so the toolkit's advice shows), finishes collecting information from the
 * keyboard, names its lead and links its baseline study; the advice goes away. Then it notes a
 * support activity.
 */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

describe('the City WORKS tracker', () => {
  it('the city team updates a step and links a document; the advice to start with phase I shows, then goes', async () => {
    const { people, cities } = world
    const baseline = await createDocument(server, people.pilot, cities.pilot, 'baseline_study', `Étude de référence — ${cities.pilot.name}`)
    await withApi(server, people.pilot, (api) =>
      api.send('PATCH', `/api/cities/${cities.pilot.id}/localisation/steps/raise_awareness`, { status: 'in_progress' }),
    )

    const page = await signInPage(browser, server, people.pilot)
    await page.goto(`${server.url}/cities/${cities.pilot.id}`)
    const tracker = page.locator('section.cityworks')
    await tracker.getByText('0/8 étapes terminées').waitFor()
    const advice = tracker.getByText('Il est néanmoins conseillé de commencer par la phase préparatoire.')
    await advice.waitFor()

    const step = tracker.locator('[data-step="collect_information"]')
    await step.getByText('Questions directrices').click()
    await step.getByText('Quelles parties prenantes faut-il associer, et comment ?').waitFor()

    // From the keyboard: the step's button opens its form, which takes the focus.
    const edit = step.getByRole('button', { name: 'Modifier l’étape «\u00a0Collecter les informations\u00a0»' })
    await edit.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('status')
    await step.getByLabel('Statut').selectOption('done')
    await step.getByLabel('Responsable').selectOption({ label: people.pilot.name })
    await step.getByLabel('Note').fill('Entretiens avec les services techniques, étude de référence rédigée.')
    await step.getByLabel(baseline.title).check()
    await step.getByRole('button', { name: 'Enregistrer' }).click()

    await tracker.getByText('«\u00a0Collecter les informations\u00a0» est enregistrée.').waitFor()
    await expect.poll(() => step.locator('.cityworks-status').textContent()).toBe('Terminée')
    expect(await step.textContent()).toContain(`Responsable\u00a0: ${people.pilot.name}`)
    expect(await step.getByRole('link', { name: baseline.title }).getAttribute('href')).toBe(`/documents/${baseline.id}`)
    await expect.poll(() => advice.count()).toBe(0)
    expect(await tracker.locator('.cityworks-summary').textContent()).toBe('1/8 étapes terminées · 1 en cours')
    // The focus is back on the step's button.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Modifier l’étape «\u00a0Collecter les informations\u00a0»')

    const activity = tracker.locator('[data-activity="stakeholders"]')
    await activity.getByRole('button', { name: 'Modifier l’activité «\u00a0Parties prenantes\u00a0»' }).click()
    await activity.getByLabel('Statut').selectOption('in_progress')
    await activity.getByLabel('Note').fill('Groupe d’action local réuni chaque mois.')
    await activity.getByRole('button', { name: 'Enregistrer' }).click()
    await expect.poll(() => activity.locator('.cityworks-status').textContent()).toBe('En cours')
    expect(await activity.textContent()).toContain('Groupe d’action local réuni chaque mois.')

    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: artifactPath('cityworks.png'), fullPage: true })
    await page.context().close()
  })
})
