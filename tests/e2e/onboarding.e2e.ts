import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { artifactPath, type AppServer } from './harness'
import { signInPage, type World, setUpBrowserWorld } from './world'

/** A city's onboarding on the network screen: the secretariat ticks and writes its visit reports, the funder follows read-only. */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

describe('onboarding cities', () => {
  it('the secretariat ticks the pilot city’s items and the progress follows; the funder cannot tick', async () => {
    const { people, cities, network } = world
    const secretariat = await signInPage(browser, server, people.secretariat)
    await secretariat.goto(`${server.url}/networks/${network.id}`)
    const card = secretariat.locator('.membership', { hasText: cities.pilot.name })
    await card.getByText('0/6 objectifs d’intégration').waitFor()
    await card.getByText('Liste d’intégration').click()
    await card.getByLabel('Participation confirmée').check()
    await card.getByLabel('Contrat signé').check()
    await card.getByLabel('Premier virement reçu').check()
    await expect.poll(() => card.locator('.onboarding-summary').innerText()).toBe('1/6 objectifs d’intégration · contrat signé · premier virement reçu')
    await secretariat.screenshot({ path: artifactPath('onboarding.png'), fullPage: true })
    await secretariat.context().close()

    const funder = await signInPage(browser, server, people.funder)
    await funder.goto(`${server.url}/networks/${network.id}`)
    const seen = funder.locator('.membership', { hasText: cities.pilot.name })
    await seen.getByText('1/6 objectifs d’intégration').waitFor()
    await seen.getByText('Liste d’intégration').click()
    expect(await seen.getByLabel('Participation confirmée').isChecked()).toBe(true)
    expect(await seen.getByLabel('Attentes définies').isDisabled()).toBe(true)
    await funder.context().close()
  })

  it('the secretariat starts the member city’s visit report from its card and lands in the editor; the city opens it, the funder sees no way in', async () => {
    const { people, cities, network } = world
    const secretariat = await signInPage(browser, server, people.secretariat)
    await secretariat.goto(`${server.url}/networks/${network.id}`)
    const card = secretariat.locator('.membership', { hasText: cities.member.name })
    await card.getByText('Liste d’intégration').click()
    await card.getByRole('button', { name: 'Rédiger le rapport de visite' }).click()
    await secretariat.waitForURL(/\/documents\/[0-9a-f-]+$/)
    await secretariat.locator('.editor-prose h1', { hasText: `Rapport de visite — ${cities.member.name}` }).waitFor()
    await secretariat.locator('.editor-prose h2', { hasText: 'Attentes de la ville' }).waitFor()
    await secretariat.locator('.editor-prose[contenteditable="true"]').waitFor()
    const reportUrl = secretariat.url()
    await secretariat.context().close()

    const team = await signInPage(browser, server, people.member)
    await team.goto(`${server.url}/networks/${network.id}`)
    const own = team.locator('.membership', { hasText: cities.member.name })
    await own.getByText('Liste d’intégration').click()
    await own.getByRole('link', { name: 'Ouvrir le rapport de visite' }).click()
    await team.waitForURL(reportUrl)
    await team.context().close()

    const funder = await signInPage(browser, server, people.funder)
    await funder.goto(`${server.url}/networks/${network.id}`)
    const seen = funder.locator('.membership', { hasText: cities.member.name })
    await seen.getByText('Liste d’intégration').click()
    await seen.getByText('Visite du Secrétariat pas encore prévue.').waitFor()
    expect(await seen.getByText(/rapport de visite/i).count()).toBe(0)
    await funder.context().close()
  })
})
