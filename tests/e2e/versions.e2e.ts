import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, editorText, grantCityRole, launchBrowser, openDocument, signIn, startAppServer, type AppServer } from './harness'

/**
 * Versions of Dakar's action plan, from the browser: Aminata Diallo (Dakar) saves V1, Koffi
 * Kouassi (Abidjan, peer expert on Dakar) and she edit, she saves V2, compares them and sees
 * who wrote what, exports V2 to DOCX and PDF, and restores V1 while Koffi is still editing.
 */
const PLAN = 'Plan d’action — Dakar'

let browser: Browser
let server: AppServer
let dakar: Page
let abidjan: Page

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer({ ATELIER_DEMO: '1' })
  await grantCityRole(browser, server, 'abidjan@demo.atelier', 'Dakar')
  dakar = await signIn(browser, server, 'pilote@demo.atelier')
  abidjan = await signIn(browser, server, 'abidjan@demo.atelier')
  await openDocument(dakar, PLAN)
  await openDocument(abidjan, PLAN)
})
afterAll(async () => {
  await dakar?.context().close()
  await abidjan?.context().close()
  await server?.stop()
  await browser?.close()
})

async function typeUnder(page: Page, heading: string, words: string) {
  await page.locator('.editor-prose h2', { hasText: heading }).locator('xpath=following-sibling::*[1]').click()
  await page.keyboard.press('End')
  await page.keyboard.type(words)
}

async function saveVersion(page: Page, name: string) {
  await page.locator('.editor-status[data-status="saved"]').waitFor()
  await page.getByRole('button', { name: 'Enregistrer une version' }).click()
  await page.getByLabel('Nom de la version').fill(name)
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
  await page.getByText(`Version « ${name} » enregistrée.`).waitFor()
}

/** The words of the marked segments, as shown (without the screen-reader prefixes). */
function marked(page: Page, selector: string): Promise<string> {
  return page.locator('.compare-body').evaluate((body, sel) => {
    return [...body.querySelectorAll(sel)]
      .map((el) => {
        const copy = el.cloneNode(true) as HTMLElement
        copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove())
        return copy.textContent!.trim()
      })
      .join(' ')
  }, selector)
}

/** Exports one version from the history and returns the file the browser received. */
async function exportVersion(page: Page, version: string, format: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const item = page.locator('.version', { hasText: version })
  await item.getByRole('button', { name: 'Exporter' }).click()
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: format }).click()])
  const path = artifactPath(download.suggestedFilename())
  await download.saveAs(path)
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

describe('versions of an action plan', () => {
  it('V1, then both cities edit, then V2', async () => {
    await typeUnder(dakar, 'Exposé du problème', 'Les places manquent d’ombre.')
    await saveVersion(dakar, 'V1 — avant expérimentation')

    await typeUnder(abidjan, 'Exposé du problème', ' Trois places pilotes à Abidjan.')
    await expect.poll(() => editorText(dakar)).toContain('Trois places pilotes à Abidjan.')
    await typeUnder(dakar, 'Exposé du problème', ' Budget prévu.')
    await expect.poll(() => editorText(abidjan)).toContain('Budget prévu.')
    await saveVersion(dakar, 'V2 — après expérimentation')
  })

  it('comparing V1 and V2 shows the words added and removed, and who wrote each addition', async () => {
    await dakar.getByRole('link', { name: 'Historique des versions' }).first().click()
    await dakar.getByRole('heading', { name: 'Historique des versions' }).waitFor()
    const list = dakar.getByRole('complementary', { name: /Versions/ })
    await list.getByText('V2 — après expérimentation').waitFor()
    await list.getByText('V1 — avant expérimentation').waitFor()
    await list.getByRole('button', { name: /V2 — après expérimentation/ }).click()

    await expect.poll(() => marked(dakar, 'ins[data-author="Koffi Kouassi · Abidjan"]')).toBe('Trois places pilotes à Abidjan.')
    expect(await marked(dakar, 'ins[data-author="Aminata Diallo · Dakar"]')).toBe('Budget prévu.')
    // Nothing was taken out between V1 and V2, and what V1 had is not shown as new.
    expect(await dakar.locator('.compare del').count()).toBe(0)
    expect(await marked(dakar, '.compare ins')).not.toContain('manquent')
    expect(await dakar.getByRole('list', { name: 'Auteurs des ajouts' }).innerText()).toContain('Koffi Kouassi · Abidjan')
    await dakar.screenshot({ path: artifactPath('compare.png'), fullPage: true })
  })

  it('exports V2 to DOCX and PDF, with meaningful file names', async () => {
    const docx = await exportVersion(dakar, 'V2 — après expérimentation', /Word/)
    expect(docx.name).toMatch(/\.docx$/)
    expect(docx.name).toMatch(/V2/)
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK')
    const pdf = await exportVersion(dakar, 'V2 — après expérimentation', /PDF/)
    expect(pdf.name).toMatch(/\.pdf$/)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('restoring V1 while Koffi edits brings V1 back for both, as a new edit', async () => {
    const v1 = dakar.locator('.version', { hasText: 'V1 — avant expérimentation' })
    await v1.getByRole('button', { name: 'Restaurer' }).click()
    await dakar.getByRole('dialog').getByRole('button', { name: 'Restaurer' }).click()
    await dakar.getByText('« V1 — avant expérimentation » a été restaurée dans le document.').waitFor()

    await expect.poll(() => editorText(abidjan)).not.toContain('Trois places pilotes à Abidjan.')
    expect(await editorText(abidjan)).toContain('Les places manquent d’ombre.')
    await dakar.locator('.version', { hasText: 'Restaurée depuis « V1 — avant expérimentation »' }).waitFor()
  })
})
