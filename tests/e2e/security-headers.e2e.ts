import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { editorText, launchBrowser, newContext, openDocument, selectWords, startAppServer, type AppServer } from './harness'
import { buildWorld, createDocument, giveRole, type Person, type World } from './world'

/**
 * The Content-Security-Policy holds in Chromium: two cities co-write the pilot city's action
 * plan (live socket, named carets), one comments on words and opens the version history, and the
 * browser reports no violation of the policy while every feature works.
 */
/** For what crosses from one browser to the other: generous, a busy machine is slow, not wrong. */
const LIVE = { timeout: 20_000 }

let browser: Browser
let server: AppServer
let world: World
const contexts: BrowserContext[] = []
/** What each page's browser refused: securitypolicyviolation events and "Refused to…" console lines. */
const refused = new Map<Page, string[]>()

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
  world = await buildWorld(server)
  // The member city's team is a peer expert on the pilot city's space: both write its plan.
  await giveRole(server, world, world.people.member, { role: 'expert', expertKind: 'international', on: world.cities.pilot })
})
afterAll(async () => {
  for (const context of contexts) await context.close()
  await server?.stop()
  await browser?.close()
})

declare global {
  interface Window {
    cspViolations: string[]
  }
}

/** A fresh browser that records every CSP refusal from its first script on, signed in through the form. */
async function signInWatched(person: Person): Promise<Page> {
  const context = await newContext(browser)
  contexts.push(context)
  await context.addInitScript(() => {
    window.cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`)
    })
  })
  const page = await context.newPage()
  const lines: string[] = []
  refused.set(page, lines)
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy/i.test(m.text())) lines.push(m.text())
  })
  const response = await page.goto(`${server.url}/signin`)
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'")
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(person.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
  return page
}

async function violations(page: Page): Promise<string[]> {
  return [...(await page.evaluate(() => window.cspViolations)), ...refused.get(page)!]
}

describe('the Content-Security-Policy in Chromium', () => {
  it('the built page has no inline script for the policy to refuse', () => {
    const html = readFileSync(resolve('dist/client/index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\ssrc="\/assets\//)
      expect(body!.trim()).toBe('')
    }
  })

  it('refuses nothing while two cities co-write, comment and open the version history', async () => {
    const { people, cities } = world
    const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', 'Plan d’action — sous la politique de sécurité')
    const pilot = await signInWatched(people.pilot)
    const member = await signInWatched(people.member)
    await openDocument(pilot, plan.title)
    await openDocument(member, plan.title)
    // The live socket on /collab: "saved" comes from the server over it.
    await pilot.locator('.editor-status[data-status="saved"]').waitFor()
    await member.locator('.editor-status[data-status="saved"]').waitFor()

    const problem = (page: Page) => page.locator('.editor-prose h2', { hasText: 'Exposé du problème' }).locator('xpath=following-sibling::*[1]')
    await problem(pilot).click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type('Les places du centre manquent d’ombre.')
    // A table, which Tiptap sizes with an inline style.
    await pilot.keyboard.press('Enter')
    await pilot.getByRole('button', { name: 'Insérer un tableau' }).click()
    await pilot.keyboard.type('Place')
    await member.locator('.editor-prose table', { hasText: 'Place' }).waitFor()
    await expect.poll(() => editorText(member), LIVE).toContain('Les places du centre manquent d’ombre.')
    // The other city's caret, coloured and labelled, and their selection (of a heading, away from the words commented below).
    await member.locator('.editor-prose h2', { hasText: 'Exposé du problème' }).click()
    await member.keyboard.press('End')
    await member.keyboard.press('Shift+Home')
    await expect.poll(() => pilot.locator('.collaboration-carets__label').allInnerTexts(), LIVE).toContain(`${people.member.name} · ${cities.member.name}`)
    await expect.poll(() => pilot.locator('.ProseMirror-yjs-selection').count(), LIVE).toBeGreaterThan(0)

    // A comment on words, seen beside them, highlighted.
    await selectWords(pilot, 'manquent d’ombre')
    await pilot.getByRole('button', { name: 'Commenter' }).click()
    const box = pilot.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('Quelles places ?')
    await box.press('Control+Enter')
    await pilot.locator('.thread-card', { hasText: 'Quelles places ?' }).waitFor()
    await member.locator('.thread-card', { hasText: 'Quelles places ?' }).waitFor()
    await pilot.locator('.comment-highlight').first().waitFor()

    // The version history: a saved version's content, then that version compared with the live text.
    await pilot.locator('.editor-status[data-status="saved"]').waitFor()
    await pilot.getByRole('button', { name: 'Enregistrer une version' }).click()
    await pilot.getByLabel('Nom de la version').fill('V1')
    await pilot.getByRole('button', { name: 'Enregistrer', exact: true }).click()
    await pilot.getByText('Version « V1 » enregistrée.').waitFor()
    await problem(pilot).click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type(' Budget prévu.')
    await pilot.locator('.editor-status[data-status="saved"]').waitFor()
    await pilot.getByRole('link', { name: 'Historique des versions' }).first().click()
    await pilot.getByRole('heading', { name: 'Historique des versions' }).waitFor()
    await pilot
      .getByRole('complementary', { name: /Versions/ })
      .getByRole('button', { name: /V1/ })
      .click()
    await pilot.locator('.version-content', { hasText: 'manquent d’ombre' }).waitFor()
    await pilot.getByLabel('avec').selectOption({ label: 'Version en cours' })
    await expect.poll(() => pilot.locator('.compare-body ins').allInnerTexts(), LIVE).toContainEqual(expect.stringContaining('Budget prévu.'))

    expect(await violations(pilot)).toEqual([])
    expect(await violations(member)).toEqual([])
  })
})
