import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import type { LinkResponse, WorkshopView } from '../../shared/api'
import { launchBrowser, newContext, startAppServer, type AppServer } from './harness'
import { buildWorld, withApi, type World } from './world'

/** Someone taking part in a workshop without an account: their link, in French, then the workshop. */
let browser: Browser
let server: AppServer
let world: World
beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
  world = await buildWorld(server)
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

describe('a guest’s invitation to a workshop', () => {
  it('reads as an invitation to the workshop, creates the account, and lands on the workshop', async () => {
    const { workshopId, url } = await withApi(server, world.people.secretariat, async (api) => {
      const workshop = await api.post<WorkshopView>(`/api/networks/${world.network.id}/workshops`, {
        title: 'Atelier de Kappaville',
        startsOn: '2027-03-09',
        endsOn: '2027-03-11',
        place: 'Dakar',
      })
      const added = await api.post<WorkshopView>(`/api/workshops/${workshop.id}/participants`, {
        kind: 'international_expert',
        funded: false,
        name: 'Inès Invitée',
        email: 'ines.invitee@essai.example',
      })
      const link = await api.post<LinkResponse>(`/api/workshops/${workshop.id}/participants/${added.participants[0]!.id}/invitation`, {})
      return { workshopId: workshop.id, url: link.url }
    })

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
  })
})
