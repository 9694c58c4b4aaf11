import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, editorText, grantCityRole, launchBrowser, newContext, openDocument, startAppServer, type AppServer } from './harness'

/**
 * The Content-Security-Policy holds in Chromium: two cities co-write Dakar's action plan (live
 * socket, named carets), one comments on words and opens the version history, and the browser
 * reports no violation of the policy while every feature works.
 */
const PLAN = 'Plan d’action — Dakar'
/** For what crosses from one browser to the other: generous, a busy machine is slow, not wrong. */
const LIVE = { timeout: 20_000 }

let browser: Browser
let server: AppServer
const contexts: BrowserContext[] = []
/** What each page's browser refused: securitypolicyviolation events and "Refused to…" console lines. */
const refused = new Map<Page, string[]>()

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer({ ATELIER_DEMO: '1' })
  await grantCityRole(browser, server, 'abidjan@demo.atelier', 'Dakar')
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
async function signInWatched(email: string): Promise<Page> {
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
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_PASSWORD)
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
    const dakar = await signInWatched('pilote@demo.atelier')
    const abidjan = await signInWatched('abidjan@demo.atelier')
    await openDocument(dakar, PLAN)
    await openDocument(abidjan, PLAN)
    // The live socket on /collab: "saved" comes from the server over it.
    await dakar.locator('.editor-status[data-status="saved"]').waitFor()
    await abidjan.locator('.editor-status[data-status="saved"]').waitFor()

    const problem = (page: Page) => page.locator('.editor-prose h2', { hasText: 'Exposé du problème' }).locator('xpath=following-sibling::*[1]')
    await problem(dakar).click()
    await dakar.keyboard.press('End')
    await dakar.keyboard.type('Les places du centre manquent d’ombre.')
    // A table, which Tiptap sizes with an inline style.
    await dakar.keyboard.press('Enter')
    await dakar.getByRole('button', { name: 'Insérer un tableau' }).click()
    await dakar.keyboard.type('Place')
    await abidjan.locator('.editor-prose table', { hasText: 'Place' }).waitFor()
    await expect.poll(() => editorText(abidjan), LIVE).toContain('Les places du centre manquent d’ombre.')
    // The other city's caret, coloured and labelled, and their selection (of a heading, away from the words commented below).
    await abidjan.locator('.editor-prose h2', { hasText: 'Exposé du problème' }).click()
    await abidjan.keyboard.press('End')
    await abidjan.keyboard.press('Shift+Home')
    await expect.poll(() => dakar.locator('.collaboration-carets__label').allInnerTexts(), LIVE).toContain('Koffi Kouassi · Abidjan')
    await expect.poll(() => dakar.locator('.ProseMirror-yjs-selection').count(), LIVE).toBeGreaterThan(0)

    // A comment on words, seen beside them, highlighted.
    await dakar.locator('.editor-prose').evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('manquent d’ombre')
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + 'manquent d’ombre'.length)
        getSelection()!.removeAllRanges()
        getSelection()!.addRange(range)
        return
      }
      throw new Error('the words to comment on are not in the text')
    })
    await dakar.getByRole('button', { name: 'Commenter' }).click()
    const box = dakar.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('Quelles places ?')
    await box.press('Control+Enter')
    await dakar.locator('.thread-card', { hasText: 'Quelles places ?' }).waitFor()
    await abidjan.locator('.thread-card', { hasText: 'Quelles places ?' }).waitFor()
    await dakar.locator('.comment-highlight').first().waitFor()

    // The version history: a saved version's content, then that version compared with the live text.
    await dakar.locator('.editor-status[data-status="saved"]').waitFor()
    await dakar.getByRole('button', { name: 'Enregistrer une version' }).click()
    await dakar.getByLabel('Nom de la version').fill('V1')
    await dakar.getByRole('button', { name: 'Enregistrer', exact: true }).click()
    await dakar.getByText('Version « V1 » enregistrée.').waitFor()
    await problem(dakar).click()
    await dakar.keyboard.press('End')
    await dakar.keyboard.type(' Budget prévu.')
    await dakar.locator('.editor-status[data-status="saved"]').waitFor()
    await dakar.getByRole('link', { name: 'Historique des versions' }).first().click()
    await dakar.getByRole('heading', { name: 'Historique des versions' }).waitFor()
    await dakar
      .getByRole('complementary', { name: /Versions/ })
      .getByRole('button', { name: /V1/ })
      .click()
    await dakar.locator('.version-content', { hasText: 'manquent d’ombre' }).waitFor()
    await dakar.getByLabel('avec').selectOption({ label: 'Version en cours' })
    await expect.poll(() => dakar.locator('.compare-body ins').allInnerTexts(), LIVE).toContainEqual(expect.stringContaining('Budget prévu.'))

    expect(await violations(dakar)).toEqual([])
    expect(await violations(abidjan)).toEqual([])
  })
})
