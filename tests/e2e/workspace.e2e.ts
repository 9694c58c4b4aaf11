import { describe, expect, it, onTestFinished } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { artifactPath, newContext, signIn, type AppServer } from './harness'
import { buildNetwork, invitePerson, signInPage, type CitySpec, type Person, type Space, type World, setUpBrowserWorld } from './world'

/**
 * The network and city screens on the test's own world, in French: what each person sees, and
 * the secretariat's work (inviting, giving and taking back roles, bringing cities in, making
 * reset links), each checked through the server too. A test that changes a network's cities or
 * details does it on a network of its own.
 */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

/** From home, as a person would: the network's card links to its screen. */
async function openNetwork(page: Page, name = world.network.name) {
  await page.getByRole('link', { name }).first().click()
  await page.waitForURL(/\/networks\/[0-9a-f-]+$/)
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/** `person` signed in, in a browser of their own that closes when the test ends, on the network's screen. */
async function onNetwork(person: Person, name = world.network.name): Promise<Page> {
  const page = await signInPage(browser, server, person)
  onTestFinished(() => page.context().close())
  await openNetwork(page, name)
  return page
}

/** The world's cities as the network lists them: the pilot first, then the members by name. */
const LISTED = ['Kappaville', 'Betaville', 'Deltaville', 'Gammaville']

const cityCard = (page: Page, name: string) => page.locator('.membership', { has: page.getByRole('heading', { name, exact: true }) })
const person = (page: Page, name: string) => page.locator('.person', { has: page.locator('.person-name', { hasText: name }) })
const dialog = (page: Page) => page.getByRole('dialog')

/** The signed-in page's own session, calling the API as the browser would (cookie and Origin). */
const apiAs = (page: Page) => ({
  post: (path: string, data: unknown) => page.request.post(`${server.url}${path}`, { data, headers: { origin: server.url } }),
  patch: (path: string, data: unknown) => page.request.patch(`${server.url}${path}`, { data, headers: { origin: server.url } }),
  get: (path: string) => page.request.get(`${server.url}${path}`),
})

async function allTexts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
}

const PILOT: CitySpec = { name: 'Sigmaville', country: 'Pays d’essai', languages: ['fr'], kind: 'pilot', selectedOn: '2026-01-12' }
/** A city that joined on 1 February 2026 and has not started (a test may give it a start). */
const LOME: CitySpec = { name: 'Lomé', country: 'Togo', languages: ['fr', 'ee'], kind: 'member', selectedOn: '2026-02-01' }
let networksMade = 0

/**
 * A network of the test's own, with a pilot city and `cities`, run by a secretariat of its own:
 * they run no other network, so Atelier offers them no city from elsewhere. Returns that
 * secretariat on the network's screen.
 */
async function ownNetwork(name: string, cities: CitySpec[] = []): Promise<{ network: Space; page: Page }> {
  const { network } = await buildNetwork(server, world.people.secretariat, {
    name,
    theme: 'Des places d’essai pour un réseau à part',
    status: 'active',
    cities: [PILOT, ...cities],
  })
  const runner = await invitePerson(
    server,
    world.people.secretariat,
    { name: `Rita Réseau ${++networksMade}`, login: `secretariat.${networksMade}` },
    { role: 'secretariat', on: network },
  )
  return { network, page: await onNetwork(runner, network.name) }
}

describe('the network screen', () => {
  it('shows the secretariat the theme, the pilot and member cities with their dates, the people and the documents', async () => {
    const { people, cities, documents } = world
    const page = await onNetwork(people.secretariat)
    await page.getByText(world.network.theme).waitFor()
    expect(await allTexts(page.locator('.membership h3'))).toEqual(LISTED)

    const pilot = cityCard(page, cities.pilot.name)
    expect(await pilot.locator('.badge').innerText()).toBe('Ville pilote')
    expect(await allTexts(pilot.locator('dd'))).toEqual(['12 janvier 2026', '2 février 2026', '16 mars 2026'])
    expect(await pilot.locator('.gap').innerText()).toBe('Lancée 63 jours après la sélection.')
    expect(await pilot.locator('.gap-long').count()).toBe(0)
    expect(await cityCard(page, cities.member.name).locator('.badge').innerText()).toBe('Ville membre')
    // This city was selected long ago and has not started: flagged, as the seeds warn.
    const late = cityCard(page, cities.late.name)
    expect(await allTexts(late.locator('dd'))).toEqual(['12 janvier 2026', 'non renseignée', 'non renseignée'])
    expect(await late.locator('.gap-long').innerText()).toMatch(/^⚠ Sélectionnée il y a \d+ jours, pas encore lancée\. Un long délai/)

    expect(await allTexts(person(page, people.secretariat.name).locator('.badge'))).toEqual(['Secrétariat général'])
    expect(await allTexts(person(page, people.pilot.name).locator('.person-roles li'))).toEqual([
      expect.stringMatching(new RegExp(`^Équipe de la ville pilote · ${cities.pilot.name}`)),
    ])
    expect(await allTexts(person(page, people.member.name).locator('.badge'))).toEqual(['Équipe d’une ville membre'])
    expect(await allTexts(person(page, people.expert.name).locator('.badge'))).toEqual(['Expert·e international·e'])
    expect(await allTexts(person(page, people.localExpert.name).locator('.badge'))).toEqual(['Expert·e local·e'])
    // The secretariat sees everyone's e-mail address.
    expect(await person(page, people.pilot.name).locator('.person-email').innerText()).toBe(people.pilot.email)
    await page.getByRole('link', { name: documents.sheet.title }).waitFor()
    // A city's own documents are not the network's.
    expect(await page.getByRole('link', { name: documents.plan.title }).count()).toBe(0)

    for (const name of [
      'Modifier le réseau',
      'Ajouter une ville',
      'Inviter quelqu’un',
      `Retirer du réseau la ville de ${cities.pilot.name}`,
      `Donner un rôle à ${people.pilot.name}`,
    ]) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(1)
    }
    // No reset link for oneself: that is what signing in is for.
    expect(await page.getByRole('button', { name: `Lien de mot de passe pour ${people.secretariat.name}` }).count()).toBe(0)
    await page.screenshot({ path: artifactPath('network-screen.png'), fullPage: true })
  })

  it('is in English with English dates when the person switches language', async () => {
    const pilotCity = world.cities.pilot.name
    const page = await signInPage(browser, server, world.people.expert)
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
    await openNetwork(page)
    await page.getByRole('heading', { name: 'Cities of the network' }).waitFor()
    expect(await allTexts(cityCard(page, pilotCity).locator('dd'))).toEqual(['January 12, 2026', 'February 2, 2026', 'March 16, 2026'])
    expect(await cityCard(page, pilotCity).locator('.gap').innerText()).toBe('Started 63 days after selection.')
    await page.getByRole('button', { name: 'Français' }).click()
    await page.context().close()
  })
})

describe('the secretariat at work', () => {
  it('invites an expert; the link works in a fresh browser, and the new person finds the network', async () => {
    const page = await onNetwork(world.people.secretariat)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await page.getByRole('button', { name: 'Inviter quelqu’un' }).click()
    const invite = dialog(page)
    await invite.getByRole('heading', { name: 'Inviter quelqu’un' }).waitFor()
    // The secretariat may invite to the network and to each of its cities.
    expect(await invite.getByLabel('Où').locator('option').allInnerTexts()).toEqual([
      `Réseau — ${world.network.name}`,
      ...LISTED.map((city) => `Ville — ${city}`),
    ])
    await invite.getByRole('radio', { name: /^Expert·e/ }).check()
    await invite.getByRole('radio', { name: 'Expert·e local·e' }).check()
    await invite.getByLabel('Adresse e-mail de la personne (facultatif)').fill('nadia.benali@ville.example')
    await invite.getByLabel('Durée de validité du lien').selectOption({ label: '14 jours' })
    await invite.getByRole('button', { name: 'Créer le lien d’invitation' }).click()

    const linkInput = invite.getByLabel('Lien d’invitation')
    await linkInput.waitFor()
    const url = await linkInput.inputValue()
    expect(url).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{20,}$`))
    await invite.getByRole('button', { name: 'Copier le lien' }).click()
    await invite.getByText('Lien copié dans le presse-papiers.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)
    await invite.getByRole('button', { name: 'Terminé' }).click()
    await invite.waitFor({ state: 'hidden' })

    const guest = await (await newContext(browser)).newPage()
    await guest.goto(url)
    await guest.getByRole('heading', { name: 'Vous êtes invité·e' }).waitFor()
    expect(await guest.locator('.invitation-role').innerText()).toBe('Expert·e local·e')
    expect(await guest.getByLabel('Adresse e-mail').inputValue()).toBe('nadia.benali@ville.example')
    await guest.getByLabel('Nom complet').fill('Nadia Benali')
    await guest.getByLabel('Mot de passe').fill('un mot de passe solide')
    await guest.getByRole('button', { name: 'Créer mon compte et accepter' }).click()
    await guest.getByRole('heading', { name: 'Bonjour, Nadia Benali' }).waitFor()
    await guest.getByRole('button', { name: 'Se déconnecter' }).click()
    await guest.waitForURL(/\/signin/)
    await guest.context().close()

    const nadia = await signIn(browser, server, 'nadia.benali@ville.example', 'un mot de passe solide')
    await openNetwork(nadia)
    expect(await allTexts(person(nadia, 'Nadia Benali').locator('.badge'))).toEqual(['Expert·e local·e'])
    expect(await nadia.getByRole('button', { name: 'Ajouter une ville' }).count()).toBe(0)
    await nadia.context().close()

    await page.reload()
    await person(page, 'Nadia Benali').waitFor()
  })

  it('gives a listed person a role in a city and takes it back; the server agrees each time', async () => {
    const { people, cities } = world
    const adviserName = people.adviser.name
    const page = await onNetwork(people.secretariat)
    const adviser = await signInPage(browser, server, people.adviser)
    const adviserOpensCity = async () => (await apiAs(adviser).get(`/api/cities/${cities.member.id}`)).status()
    expect(await adviserOpensCity()).toBe(403)

    await page.getByRole('button', { name: `Donner un rôle à ${adviserName}` }).click()
    const assign = dialog(page)
    await assign.getByLabel('Où').selectOption({ label: `Ville — ${cities.member.name}` })
    // In a city, the secretariat hands out a city team or an expert, nothing else.
    expect(await allTexts(assign.locator('.radio-group').first().locator('.radio-option-text > span:first-child'))).toEqual(['Équipe de ville', 'Expert·e'])
    await assign.getByRole('radio', { name: /^Expert·e/ }).check()
    await assign.getByRole('radio', { name: 'Expert·e international·e' }).check()
    await assign.getByRole('button', { name: 'Donner le rôle' }).click()
    await page.getByText(`${adviserName} a reçu son nouveau rôle.`).waitFor()
    await expect
      .poll(() => allTexts(person(page, adviserName).locator('.person-roles li')))
      .toEqual([expect.stringMatching(/^Groupe conseil/), expect.stringMatching(new RegExp(`^Expert·e international·e · ${cities.member.name}`))])
    expect(await adviserOpensCity()).toBe(200)

    await page.getByRole('button', { name: `Retirer le rôle « Expert·e international·e » à ${adviserName}` }).click()
    const confirm = dialog(page)
    await confirm.getByRole('heading', { name: 'Retirer ce rôle ?' }).waitFor()
    // Focus starts on "Annuler": Enter alone never takes a role away.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler')
    await confirm.getByRole('button', { name: 'Retirer le rôle' }).click()
    await page.getByText(`Le rôle « Expert·e international·e » a été retiré à ${adviserName}.`).waitFor()
    await expect.poll(() => allTexts(person(page, adviserName).locator('.badge'))).toEqual(['Groupe conseil'])
    expect(await adviserOpensCity()).toBe(403)
    await adviser.context().close()
  })

  it('adds a new city with its dates; it is listed with its gap; a second pilot is refused in French', async () => {
    const { page } = await ownNetwork('Réseau d’essai — une ville arrive')
    await page.getByRole('button', { name: 'Ajouter une ville' }).click()
    const add = dialog(page)
    // Every city Atelier knows is already in the network: the form goes straight to a new one.
    await add.getByLabel('Nom de la ville').waitFor()
    expect(await add.getByRole('group', { name: 'Quelle ville ?' }).count()).toBe(0)
    await add.getByLabel('Nom de la ville').fill('Lomé')
    await add.getByLabel('Pays').fill('Togo')
    await add.getByLabel('Langues de travail').fill('fr, EE')
    // The network has its pilot: a new city comes in as a member.
    expect(await add.getByRole('radio', { name: /^Ville membre/ }).isChecked()).toBe(true)
    await add.getByText(`${PILOT.name} est la ville pilote de ce réseau`).waitFor()
    await add.getByLabel('Sélection').fill('2026-02-01')
    await add.getByRole('button', { name: 'Ajouter la ville' }).click()
    await page.getByText('Lomé a rejoint le réseau.').waitFor()

    const lome = cityCard(page, 'Lomé')
    expect(await lome.locator('.badge').innerText()).toBe('Ville membre')
    expect(await allTexts(lome.locator('dd'))).toEqual(['1 février 2026', 'non renseignée', 'non renseignée'])
    expect(await lome.locator('.gap-long').innerText()).toMatch(/pas encore lancée/)

    await page.getByRole('button', { name: 'Modifier la participation de Lomé' }).click()
    const edit = dialog(page)
    await edit.getByRole('radio', { name: /^Ville pilote/ }).check()
    await edit.getByRole('button', { name: 'Enregistrer' }).click()
    await edit.getByRole('alert').getByText('Ce réseau a déjà une ville pilote').waitFor()
    await edit.getByRole('radio', { name: /^Ville membre/ }).check()
    await edit.getByLabel('Lancement').fill('2026-03-03')
    await edit.getByRole('button', { name: 'Enregistrer' }).click()
    await page.getByText('La participation de Lomé a été mise à jour.').waitFor()
    expect(await lome.locator('.gap').innerText()).toBe('Lancée 30 jours après la sélection.')
  })

  it('opens a new city: its empty space says what to do next', async () => {
    const { network, page } = await ownNetwork('Réseau d’essai — une ville vide', [LOME])
    await cityCard(page, 'Lomé').getByRole('link', { name: 'Lomé' }).click()
    await page.getByRole('heading', { level: 1, name: 'Lomé' }).waitFor()
    expect(await allTexts(page.locator('.space-facts dd'))).toEqual(['Togo', 'français et éwé'])
    expect(await page.getByRole('link', { name: network.name }).count()).toBe(1)
    await page.getByText('Personne n’a encore de rôle dans cette ville. Invitez son équipe avec « Inviter quelqu’un »').waitFor()
    await page.getByText('Aucun document pour l’instant. Créez le premier avec « Nouveau document »').waitFor()
    await page.getByRole('button', { name: 'Inviter quelqu’un' }).waitFor()
    await page.getByRole('button', { name: 'Nouveau document dans la ville de Lomé' }).waitFor()
    await page.goBack()
    await page.getByRole('heading', { level: 1, name: network.name }).waitFor()
  })

  it('removes a city after asking, and can bring it back as a city Atelier knows', async () => {
    const { page } = await ownNetwork('Réseau d’essai — une ville part', [{ ...LOME, startedOn: '2026-03-03' }])
    await page.getByRole('button', { name: 'Retirer du réseau la ville de Lomé' }).click()
    const confirm = dialog(page)
    await confirm.getByText('L’équipe de Lomé perdra aussitôt l’accès aux documents du réseau.').waitFor()
    await confirm.getByRole('button', { name: 'Annuler' }).click()
    await confirm.waitFor({ state: 'hidden' })
    expect(await cityCard(page, 'Lomé').count()).toBe(1)

    await page.getByRole('button', { name: 'Retirer du réseau la ville de Lomé' }).click()
    await dialog(page).getByRole('button', { name: 'Retirer la ville' }).click()
    await page.getByText('Lomé a quitté le réseau.').waitFor()
    await expect.poll(() => cityCard(page, 'Lomé').count()).toBe(0)

    await page.getByRole('button', { name: 'Ajouter une ville' }).click()
    const add = dialog(page)
    expect(await add.getByRole('radio', { name: 'Une ville déjà connue d’Atelier' }).isChecked()).toBe(true)
    expect(await add.getByLabel('Ville', { exact: true }).locator('option').allInnerTexts()).toEqual(['Lomé (Togo)'])
    await add.getByRole('button', { name: 'Ajouter la ville' }).click()
    await page.getByText('Lomé a rejoint le réseau.').waitFor()
    // Coming back keeps the dates it had.
    expect(await allTexts(cityCard(page, 'Lomé').locator('dd'))).toEqual(['1 février 2026', 'non renseignée', '3 mars 2026'])
  })

  it('edits the network’s details', async () => {
    const { page } = await ownNetwork('Réseau d’essai — à modifier')
    expect(await page.locator('.space-title .status').innerText()).not.toBe('En constitution')
    await page.getByRole('button', { name: 'Modifier le réseau' }).click()
    const edit = dialog(page)
    await edit.getByLabel('Thématique prioritaire').fill('Des places publiques sûres, ouvertes à toutes et tous')
    await edit.getByRole('radio', { name: /^En constitution/ }).check()
    await edit.getByRole('button', { name: 'Enregistrer' }).click()
    await page.getByText('Le réseau a été mis à jour.').waitFor()
    await page.getByText('Des places publiques sûres, ouvertes à toutes et tous').waitFor()
    expect(await page.locator('.space-title .status').innerText()).toBe('En constitution')
  })

  it('makes a password-reset link that lets the person choose a new password', async () => {
    // Someone of the test's own, so that no other test meets the changed password.
    const forgetful = await invitePerson(
      server,
      world.people.secretariat,
      { name: 'Oscar Oubli', login: 'oubli' },
      { role: 'city_team', on: world.cities.other },
    )
    const page = await onNetwork(world.people.secretariat)
    await page.getByRole('button', { name: `Lien de mot de passe pour ${forgetful.name}` }).click()
    const reset = dialog(page)
    await reset.getByRole('button', { name: 'Créer le lien' }).click()
    const url = await reset.getByLabel('Lien de réinitialisation').inputValue()
    expect(url).toMatch(new RegExp(`^${server.url}/reset/`))
    await reset.getByRole('button', { name: 'Terminé' }).click()

    const own = await (await newContext(browser)).newPage()
    await own.goto(url)
    await own.getByRole('textbox', { name: 'Nouveau mot de passe' }).fill('mon nouveau mot de passe')
    await own.getByLabel('Confirmez le mot de passe').fill('mon nouveau mot de passe')
    await own.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await own.getByRole('heading', { name: 'Mot de passe modifié' }).waitFor()
    await own.context().close()
    await (await signIn(browser, server, forgetful.email, 'mon nouveau mot de passe')).context().close()
  })
})

describe('people who do not run the network', () => {
  it('a member city’s person sees the network without secretariat controls, and the server refuses them', async () => {
    const { people, cities } = world
    const page = await onNetwork(people.member)
    await cityCard(page, cities.pilot.name).waitFor()
    for (const name of [
      /Modifier le réseau/,
      /Ajouter une ville/,
      /Inviter quelqu’un/,
      /Retirer du réseau/,
      /Donner un rôle/,
      /Retirer le rôle/,
      /Lien de mot de passe/,
    ]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0)
    }
    // Names, cities and roles; only one's own e-mail address.
    expect(await allTexts(page.locator('.person-email'))).toEqual([people.member.email])
    // The pilot city's space is private to its team: no link to it; the member city's own is one.
    expect(await cityCard(page, cities.pilot.name).getByRole('link').count()).toBe(0)
    expect(await cityCard(page, cities.member.name).getByRole('link', { name: cities.member.name }).count()).toBe(1)

    const id = world.network.id
    const api = apiAs(page)
    expect((await api.post(`/api/networks/${id}/cities`, { city: { name: 'Ville refusée' }, kind: 'member' })).status()).toBe(403)
    expect((await api.patch(`/api/networks/${id}`, { name: 'Réseau détourné' })).status()).toBe(403)
    expect((await api.post('/api/invitations', { role: 'expert', space: { type: 'network', id } })).status()).toBe(403)
    expect((await api.get(`/api/networks/${id}/city-candidates`)).status()).toBe(403)
  })

  it('a city team invites only colleagues to its own city', async () => {
    const { people, cities } = world
    const page = await signInPage(browser, server, people.member)
    await page.getByRole('link', { name: cities.member.name, exact: true }).first().click()
    await page.getByRole('heading', { level: 1, name: cities.member.name }).waitFor()
    await page.getByRole('button', { name: 'Inviter quelqu’un' }).click()
    const invite = dialog(page)
    expect(await invite.getByLabel('Où').count()).toBe(0)
    expect(await allTexts(invite.locator('.radio-group').first().locator('.radio-option-text > span:first-child'))).toEqual(['Équipe de ville'])
    await invite.getByRole('button', { name: 'Annuler' }).click()
    // It invites; it does not give roles to people who already have an account, and the server agrees.
    expect(await page.getByRole('button', { name: /Donner un rôle/ }).count()).toBe(0)
    const api = apiAs(page)
    const network = await (await api.get(`/api/networks/${world.network.id}`)).json()
    const funder = network.people.find((p: { role: string }) => p.role === 'funder')
    const ownCity = { type: 'city', id: cities.member.id }
    expect((await api.post('/api/grants', { userId: funder.user.id, role: 'city_team', space: ownCity })).status()).toBe(403)
    await page.context().close()
  })

  it('a city screen lists its documents, its networks and its team, and creates a document', async () => {
    const { people, cities, documents } = world
    const city = cities.pilot.name
    const page = await signInPage(browser, server, people.pilot)
    await page.getByRole('link', { name: city, exact: true }).first().click()
    await page.getByRole('heading', { level: 1, name: city }).waitFor()
    expect(await allTexts(page.locator('.space-facts dd'))).toEqual(['Pays d’essai', 'français et wolof'])
    expect(await allTexts(page.locator('.document-title'))).toEqual(expect.arrayContaining([documents.plan.title, documents.log.title]))
    expect(await page.locator('.document-title').count()).toBe(2)
    await page.getByRole('link', { name: world.network.name }).waitFor()
    expect(await allTexts(page.locator('.plain-list .badge'))).toEqual(['Ville pilote'])
    expect(await allTexts(person(page, people.pilot.name).locator('.badge'))).toEqual(['Équipe de ville'])

    const title = `Étude de contexte — ${city}`
    await page.getByRole('button', { name: `Nouveau document dans la ville de ${city}` }).click()
    await dialog(page)
      .getByRole('radio', { name: /^Étude de contexte/ })
      .check()
    await dialog(page).getByLabel('Titre').fill(title)
    await dialog(page).getByRole('button', { name: 'Créer le document' }).click()
    await page.getByText(`Le document « ${title} » a été créé.`).waitFor()
    await expect.poll(() => page.locator('.document-title').count()).toBe(3)
    await page.getByRole('link', { name: title }).click()
    await page.locator('#document-title', { hasText: title }).waitFor()
    await page.context().close()
  })

  it('a city the person may not read says so, in French', async () => {
    const page = await signInPage(browser, server, world.people.member)
    await page.goto(`${server.url}/cities/${world.cities.pilot.id}`)
    await page.getByRole('alert').getByText('L’espace de cette ville est réservé à son équipe').waitFor()
    await page.context().close()
  })
})
