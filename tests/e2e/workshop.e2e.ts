import { describe, expect, it, onTestFinished } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { WorkshopView } from '../../shared/api'
import { addDays } from '../../shared/days'
import { artifactPath, typeUnder, type AppServer } from './harness'
import { signInPage, withApi, type Person, type World, setUpBrowserWorld } from './world'

/** International workshops: organised from the network screen, funded within the caps, written live by several cities. */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

/** Today on this machine's calendar, as the browser (same machine, same zone) counts it. */
const today = () => {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

async function signedIn(person: Person): Promise<Page> {
  const page = await signInPage(browser, server, person)
  onTestFinished(() => page.context().close())
  return page
}

describe('international workshops', () => {
  it('the secretariat organises one, adds participants up to the funding cap and sees the fourth funded expert refused', async () => {
    const page = await signedIn(world.people.secretariat)
    await page.goto(`${server.url}/networks/${world.network.id}`)
    await page.getByText('Aucun atelier pour l’instant.').waitFor()
    await page.getByRole('button', { name: 'Organiser un atelier' }).click()
    const dialog = page.getByRole('dialog', { name: 'Organiser un atelier international' })
    await dialog.getByLabel('Titre').fill('Atelier de Kappaville')
    await dialog.getByLabel('Premier jour').fill('2027-05-10')
    await dialog.getByLabel('Dernier jour').fill('2027-05-13')
    await dialog.getByLabel('Lieu').fill('Hôtel de ville de Kappaville')
    await dialog.getByLabel('Identifier les expériences menées ou en cours (état des connaissances, bonnes pratiques)').check()
    await dialog.getByRole('button', { name: 'Créer l’atelier' }).click()
    await dialog.getByText('Un atelier dure deux ou trois jours : le dernier jour tombe un ou deux jours après le premier.').waitFor()

    await dialog.getByLabel('Dernier jour').fill('2027-05-12')
    await dialog.getByRole('button', { name: 'Créer l’atelier' }).click()
    await page.getByRole('heading', { level: 1, name: 'Atelier de Kappaville' }).waitFor()
    await page.getByText('L’atelier est créé, avec son programme et ses quatre livrables.').waitFor()
    expect(await page.locator('.space-facts').innerText()).toBe('10–12 mai 2027 · Hôtel de ville de Kappaville · accueilli par Kappaville')
    expect(await page.locator('.live-column').evaluateAll((columns) => columns.map((c) => c.getAttribute('aria-label')))).toEqual([
      'Programme de l’atelier — Atelier de Kappaville',
      'Fiche thématique — Atelier de Kappaville',
      'Fiche constitutive du Réseau collaboratif — Atelier de Kappaville',
      'Fiche de la Problématique prioritaire — Atelier de Kappaville',
      'Gabarit de projet pilote — Atelier de Kappaville',
    ])
    expect(await page.locator('.live-column h3').allInnerTexts()).toEqual([
      'Programme de l’atelier',
      'Fiche thématique',
      'Fiche constitutive du Réseau collaboratif',
      'Fiche de la Problématique prioritaire',
      'Gabarit de projet pilote',
    ])

    const form = page.locator('.participant-form')
    const add = async (kind: string, name: string, funded: boolean) => {
      await form.getByLabel('Qualité').selectOption({ label: kind })
      await form.getByLabel('Nom').fill(name)
      await form.getByLabel('Financé par le Secrétariat (voyage et hébergement)').setChecked(funded)
      await form.getByRole('button', { name: 'Ajouter' }).click()
    }
    for (const name of ['Awa Diallo', 'Bruno Costa', 'Chen Wei']) {
      await add('Expert international', name, true)
      await page.getByText(`${name} participe à l’atelier.`).waitFor()
    }
    await page.getByText('Financés par le Secrétariat : experts 3/3, groupe consultatif 0/1.').waitFor()
    await add('Expert local', 'Daouda Sow', true)
    await form
      .getByText(
        'Le Secrétariat finance au plus trois experts par atelier : celui-ci serait le quatrième. Inscrivez-le à ses frais, ou retirez d’abord un expert financé.',
      )
      .waitFor()
    expect(await page.locator('.participant-name').allInnerTexts()).toEqual(['Awa Diallo', 'Bruno Costa', 'Chen Wei'])
    // At his own cost, he comes.
    await add('Expert local', 'Daouda Sow', false)
    await page.getByText('Daouda Sow participe à l’atelier.').waitFor()
    expect(await page.locator('.participant', { hasText: 'Daouda Sow' }).innerText()).toContain('à ses frais')
  })

  it('during the workshop, two cities write in two deliverables and each sees the other’s presence on the workshop screen', async () => {
    const { people, cities, network } = world
    const workshop = await withApi(server, people.secretariat, async (api) => {
      const created = await api.post<WorkshopView>(`/api/networks/${network.id}/workshops`, {
        title: 'Atelier en direct',
        startsOn: today(),
        endsOn: addDays(today(), 1),
        place: 'Salle des fêtes',
      })
      await api.post(`/api/workshops/${created.id}/participants`, {
        kind: 'city_representative',
        funded: false,
        name: people.member.name,
        cityId: cities.member.id,
      })
      return created
    })
    const [sheet, , problem] = workshop.deliverables

    const pilotBoard = await signedIn(people.pilot)
    const memberBoard = await signedIn(people.member)
    for (const board of [pilotBoard, memberBoard]) {
      await board.goto(`${server.url}/workshops/${workshop.id}`)
      await board.getByText('En ce moment', { exact: true }).waitFor()
    }
    const write = async (board: Page, documentTitle: string, heading: string, words: string) => {
      const editor = await board.context().newPage()
      await editor.goto(`${server.url}/workshops/${workshop.id}`)
      await editor.getByRole('listitem', { name: documentTitle, exact: true }).getByRole('link').click()
      await editor.locator('.editor-prose[contenteditable="true"]').waitFor()
      await typeUnder(editor, heading, words)
      await expect.poll(() => editor.locator('.editor-prose').innerText()).toContain(words)
    }
    await write(pilotBoard, sheet!.title, 'Situation actuelle', ' Les places de Kappaville manquent d’ombre.')
    await write(memberBoard, problem!.title, 'Première problématisation', ' Betaville partage ce constat.')

    const column = (board: Page, title: string) => board.getByRole('listitem', { name: title, exact: true })
    for (const board of [pilotBoard, memberBoard]) {
      await column(board, sheet!.title).getByText(people.pilot.name).waitFor()
      await column(board, problem!.title).getByText(people.member.name).waitFor()
      expect(await column(board, problem!.title).locator('.live-count').innerText()).toBe('1 personne dans ce document')
      // Each with the city they speak for.
      expect(await column(board, sheet!.title).locator('.live-person').innerText()).toContain(cities.pilot.name)
      expect(await column(board, problem!.title).locator('.live-person').innerText()).toContain(cities.member.name)
    }
    await pilotBoard.bringToFront()
    await pilotBoard.screenshot({ path: artifactPath('workshop.png'), fullPage: true })
  })
})
