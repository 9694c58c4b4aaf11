import { describe, expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import type { WorkshopView } from '../../shared/api'
import { newContext, type AppServer } from './harness'
import { signInPage, withApi, type World, setUpBrowserWorld } from './world'

/** Someone taking part in a workshop without an account: their link, in French, then the workshop. */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

describe('a guest’s invitation to a workshop', () => {
  it('the secretariat makes the link on the workshop’s page; it reads as an invitation to the workshop, creates the account, and lands there', async () => {
    const workshopId = await withApi(server, world.people.secretariat, async (api) => {
      const workshop = await api.post<WorkshopView>(`/api/networks/${world.network.id}/workshops`, {
        title: 'Atelier de Kappaville',
        startsOn: '2027-03-09',
        endsOn: '2027-03-11',
        place: 'Dakar',
      })
      await api.post(`/api/workshops/${workshop.id}/participants`, {
        kind: 'international_expert',
        funded: false,
        name: 'Inès Invitée',
        email: 'ines.invitee@essai.example',
      })
      return workshop.id
    })

    // The secretariat makes the link from the workshop's list of participants.
    const secretariat = await signInPage(browser, server, world.people.secretariat)
    onTestFinished(() => secretariat.context().close())
    await secretariat.goto(`${server.url}/workshops/${workshopId}`)
    await secretariat.getByRole('button', { name: 'Créer le lien d’invitation pour Inès Invitée' }).click()
    const dialog = secretariat.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Créer le lien' }).click()
    const url = await dialog.getByLabel('Lien d’invitation à l’atelier').inputValue()
    expect(url).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{20,}$`))

    const page = await (await newContext(browser)).newPage()
    onTestFinished(() => page.context().close())
    await page.goto(url)
    await page.getByRole('heading', { name: 'Vous êtes invité·e' }).waitFor()
    const summary = (await page.locator('.invitation-summary p').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
    expect(summary.slice(0, 2)).toEqual([
      'Vous êtes invité·e à l’atelier « Atelier de Kappaville » du 9 au 11 mars 2027 à Dakar.',
      'Avec les autres participant·es, vous pourrez lire, commenter et rédiger le programme et les livrables de l’atelier.',
    ])
    // It gives no role: none is named.
    expect(await page.locator('.invitation-role').count()).toBe(0)
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('ines.invitee@essai.example')
    await page.getByLabel('Nom complet').fill('Inès Invitée')
    await page.getByLabel('Mot de passe').fill('un mot de passe solide')
    await page.getByRole('button', { name: 'Créer mon compte et accepter' }).click()
    await page.waitForURL(new RegExp(`/workshops/${workshopId}$`))
    // With no role anywhere, the workshop's own page opens (not the network's).
    await page.getByRole('heading', { level: 1, name: 'Atelier de Kappaville' }).waitFor()
    // Home has no space for a guest, but leads back to the workshop.
    await page.goto(`${server.url}/`)
    const coming = page.getByRole('region', { name: 'Ateliers en cours et à venir' })
    await coming.getByRole('link', { name: 'Atelier de Kappaville' }).waitFor()
    expect(await page.getByText('Vous n’avez encore accès à aucun espace').count()).toBe(0)
  })
})
