import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { artifactPath, launchBrowser, newContext, signIn, startAppServer, type AppServer } from './harness'
import { buildWorld, type World } from './world'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

describe('a fresh install in the browser', () => {
  let server: AppServer
  beforeAll(async () => {
    server = await startAppServer()
  })
  afterAll(() => server?.stop())

  it('offers the French setup page, creates the first secretariat, and lands on its workspace', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForURL(/\/setup$/)
    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Première configuration')

    // A password that is too short is caught before anything is sent.
    await page.getByLabel('Nom complet').fill('Claire Dubois')
    await page.getByLabel('Adresse e-mail').fill('claire@example.org')
    await page.getByLabel('Mot de passe').fill('court')
    await page.getByLabel('Nom du réseau').fill('Réseau des villes résilientes')
    await page.getByRole('button', { name: 'Créer le compte et le réseau' }).click()
    await expect.poll(() => page.locator('.field-error').first().textContent()).toMatch(/10 caractères/)

    await page.getByLabel('Mot de passe').fill('une phrase assez longue')
    await page.getByRole('button', { name: 'Créer le compte et le réseau' }).click()
    await page.getByRole('heading', { name: 'Bonjour, Claire Dubois' }).waitFor()
    expect(await page.getByText('Réseau des villes résilientes').first().isVisible()).toBe(true)
    await page.screenshot({ path: artifactPath('home-after-setup.png'), fullPage: true })
    await context.close()
  })

  it('then sends newcomers to sign-in, not to setup', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/setup`)
    await page.waitForURL(/\/signin/)
    await context.close()
  })
})

describe('signing in, and the interface’s language', () => {
  let server: AppServer
  let world: World
  beforeAll(async () => {
    server = await startAppServer()
    world = await buildWorld(server)
  })
  afterAll(() => server?.stop())

  it('a wrong password is explained in French; the right one opens the pilot city’s documents', async () => {
    const { pilot } = world.people
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await page.waitForURL(/\/signin/)
    await page.getByLabel('Adresse e-mail').fill(pilot.email)
    await page.getByLabel('Mot de passe').fill('pas le bon')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor()

    await page.getByLabel('Mot de passe').fill(pilot.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: `Bonjour, ${pilot.name}` }).waitFor()
    await page.getByRole('link', { name: world.documents.plan.title }).waitFor()
    // A member city's private documents are not listed for the pilot city.
    expect(await page.getByText(world.documents.study.title).count()).toBe(0)
    await page.screenshot({ path: artifactPath('home-pilot.png'), fullPage: true })
    await context.close()
  })

  it('a shared link opens after sign-in', async () => {
    const { pilot } = world.people
    const context = await newContext(browser)
    const page = await context.newPage()
    const target = world.documents.plan
    await page.goto(`${server.url}/documents/${target.id}`)
    await page.waitForURL(/\/signin\?next=/)
    await page.getByLabel('Adresse e-mail').fill(pilot.email)
    await page.getByLabel('Mot de passe').fill(pilot.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL(new RegExp(`/documents/${target.id}$`))
    await context.close()
  })

  // Each language test switches a person that no other test here signs in as: the account keeps the choice.
  it('switches the interface to English and back, and remembers it', async () => {
    const { funder } = world.people
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('Adresse e-mail').fill(funder.email)
    await page.getByLabel('Mot de passe').fill(funder.password)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: /^Hello/ }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.getByRole('button', { name: 'Français' }).click()
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await context.close()
  })

  it('switches to Spanish, remembers it on this device and on the account, and writes documents in Spanish', async () => {
    const { secretariat } = world.people
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto(`${server.url}/signin`)
    const spanish = page.getByRole('button', { name: 'ES — Español' })
    await spanish.click()
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('es')
    expect(await spanish.getAttribute('aria-pressed')).toBe('true')
    // Signed out, this device remembers the choice.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor()

    await page.getByLabel('Correo electrónico').fill(secretariat.email)
    await page.getByLabel('Contraseña', { exact: true }).fill(secretariat.password)
    await page.getByRole('button', { name: 'Iniciar sesión' }).click()
    // The account's own language (French) wins at sign-in; switching again stores Spanish on the account.
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await spanish.click()
    await page.getByRole('heading', { name: `Hola, ${secretariat.name}` }).waitFor()
    await page.getByRole('heading', { name: 'Mis redes' }).waitFor()

    // Creating a document: the kinds are offered, and the template filled, in Spanish.
    await page.getByRole('button', { name: /^Nuevo documento en la red/ }).click()
    await page.getByRole('dialog', { name: 'Nuevo documento' }).waitFor()
    await page.getByRole('radio', { name: /^Plan de acción/ }).check()
    await page.getByRole('button', { name: 'Crear el documento' }).click()
    await page.getByText('Se ha creado el documento «Plan de acción».').waitFor()
    await page.getByRole('link', { name: /^Plan de acción/ }).click()
    await page.locator('.editor-prose h2', { hasText: 'Declaración del problema' }).waitFor()
    await page.getByRole('toolbar', { name: 'Formato' }).getByRole('button', { name: 'Negrita' }).waitFor()
    await page.screenshot({ path: artifactPath('document-spanish.png'), fullPage: true })

    // Another device, with a French browser: the account brings Spanish back.
    const elsewhere = await newContext(browser)
    const other = await elsewhere.newPage()
    await other.goto(`${server.url}/signin`)
    await other.getByLabel('Adresse e-mail').fill(secretariat.email)
    await other.getByLabel('Mot de passe').fill(secretariat.password)
    await other.getByRole('button', { name: 'Se connecter' }).click()
    await other.getByRole('heading', { name: `Hola, ${secretariat.name}` }).waitFor()
    await other.reload()
    await other.getByRole('heading', { name: `Hola, ${secretariat.name}` }).waitFor()
    expect(await other.getAttribute('html', 'lang')).toBe('es')
    await elsewhere.close()
    await context.close()
  })
})

describe('the demonstration network, when asked for', () => {
  let server: AppServer
  beforeAll(async () => {
    server = await startAppServer({ ATELIER_DEMO: '1' })
  })
  afterAll(() => server?.stop())

  it('ATELIER_DEMO=1 seeds it: a login the README gives opens a workspace with its network and documents', async () => {
    const page = await signIn(browser, server, 'pilote@demo.atelier', 'demo-atelier')
    await page.getByRole('heading', { name: 'Mes réseaux' }).waitFor()
    await page.locator('.document-list .document-row').first().waitFor()
    await page.context().close()
  })
})
