import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, editorText, type AppServer, typeUnder } from './harness'
import { createDocument, openAs, type World, setUpBrowserWorld } from './world'

/**
 * The action-plan cycle from the browser: the pilot city submits its plan, the secretariat
 * returns it with remarks, the city revises and submits again, the secretariat validates V1;
 * after experimenting the city submits V2, and the secretariat opens V1 ↔ V2 in one click and
 * sees where every city stands on the dashboard.
 */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

/** Typed, and stored on the server (the submission captures what is stored). */
async function typeSaved(page: Page, heading: string, words: string) {
  await typeUnder(page, heading, words)
  await page.locator('.editor-status[data-status="saved"]').waitFor()
}

const stage = (page: Page) => page.locator('.workflow .stage-badge').innerText()

/** Takes a step from the workflow panel: its button, then the dialog's message and confirmation. */
async function step(page: Page, button: string, confirm: string, message?: { label: string; text: string }) {
  await page.getByRole('button', { name: button, exact: true }).click()
  const dialog = page.getByRole('dialog')
  if (message) await dialog.getByLabel(message.label).fill(message.text)
  await dialog.getByRole('button', { name: confirm, exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
}

describe('the action-plan cycle', () => {
  it('submitted, returned with remarks, resubmitted, validated; V2 compared with V1; the dashboard shows it', async () => {
    const { people, cities, network } = world
    const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', 'Plan d’action — cycle de soumission')
    const pilot = await openAs(browser, server, people.pilot, plan.title)
    await typeSaved(pilot, 'Exposé du problème', 'Les places manquent d’ombre.')
    expect(await stage(pilot)).toBe('Brouillon')
    // Only the secretariat reviews: the city has nothing to validate.
    expect(await pilot.getByRole('button', { name: 'Valider', exact: true }).count()).toBe(0)
    await step(pilot, 'Soumettre au Secrétariat', 'Soumettre', { label: 'Message au Secrétariat (facultatif)', text: 'Première version.' })
    await expect.poll(() => stage(pilot)).toBe('Soumis au Secrétariat')

    const secretariat = await openAs(browser, server, people.secretariat, plan.title)
    await secretariat.getByRole('button', { name: 'Notifications, 1 non lue' }).waitFor()
    await secretariat.locator('.timeline').getByText('V1 soumise').waitFor()
    await step(secretariat, 'Renvoyer avec remarques', 'Renvoyer', { label: 'Vos remarques', text: 'Chiffrez le budget, s’il vous plaît.' })
    await expect.poll(() => stage(secretariat)).toBe('Renvoyé avec remarques')

    await pilot.reload()
    await pilot.locator('.timeline').getByText('Chiffrez le budget, s’il vous plaît.').waitFor()
    await expect.poll(() => stage(pilot)).toBe('Renvoyé avec remarques')
    await typeSaved(pilot, 'Exposé du problème', ' Budget : 20 000 €.')
    await step(pilot, 'Soumettre au Secrétariat', 'Soumettre')
    await expect.poll(() => stage(pilot)).toBe('Soumis au Secrétariat')

    await secretariat.reload()
    await step(secretariat, 'Valider', 'Valider')
    await expect.poll(() => stage(secretariat)).toBe('Validé')

    await pilot.reload()
    await typeSaved(pilot, 'Exposé du problème', ' Après deux cycles, des bancs à l’ombre.')
    await step(pilot, 'Soumettre au Secrétariat', 'Soumettre')
    await expect.poll(() => stage(pilot)).toBe('Soumis au Secrétariat')
    expect(await editorText(pilot)).toContain('Après deux cycles')

    await secretariat.reload()
    await secretariat.getByRole('link', { name: 'Comparer avec la version validée' }).click()
    await secretariat.getByRole('heading', { name: 'Historique des versions' }).waitFor()
    await expect
      .poll(() =>
        secretariat
          .locator('.compare ins')
          .allInnerTexts()
          .then((t) => t.join(' ')),
      )
      .toContain('Après deux cycles, des bancs à l’ombre.')
    expect(
      await secretariat
        .locator('.compare ins')
        .allInnerTexts()
        .then((t) => t.join(' ')),
    ).not.toContain('manquent')

    await secretariat.goto(`${server.url}/networks/${network.id}`)
    await secretariat.getByRole('link', { name: 'Où en sont les villes ?' }).click()
    const row = secretariat.getByRole('row', { name: new RegExp(cities.pilot.name) })
    await expect.poll(() => row.innerText()).toContain('Soumis au Secrétariat')
    expect(await row.innerText()).toContain('V2 soumise · V1 validée')
    await secretariat.screenshot({ path: artifactPath('dashboard.png'), fullPage: true })
  })
})
