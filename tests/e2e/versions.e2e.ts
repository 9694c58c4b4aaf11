import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, editorText, launchBrowser, startAppServer, type AppServer, typeUnder } from './harness'
import { buildWorld, createDocument, giveRole, openAs, type World } from './world'

/**
 * Versions of an action plan of the pilot city, from the browser: its team saves V1, the member
 * city's team (peer expert on the pilot city) and they edit, V2 is saved; then the pilot city
 * compares them and sees who wrote what, exports V2 to DOCX and PDF, and restores V1 while the
 * member city is still editing. Each test starts from a plan of its own with V1 and V2.
 */
const V1 = 'V1 — avant expérimentation'
const V2 = 'V2 — après expérimentation'
const ADDED_BY_MEMBER = 'Trois places pilotes dans la ville membre.'

let browser: Browser
let server: AppServer
let world: World

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer()
  world = await buildWorld(server)
  await giveRole(server, world, world.people.member, { role: 'expert', expertKind: 'international', on: world.cities.pilot })
})
afterAll(async () => {
  await server?.stop()
  await browser?.close()
})

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
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('menuitem', { name: format }).click()])
  const path = artifactPath(download.suggestedFilename())
  await download.saveAs(path)
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

/** A new plan of the pilot city, open for both teams: V1, then both edit, then V2. */
async function planWithTwoVersions(title: string): Promise<{ pilot: Page; member: Page }> {
  const { people, cities } = world
  const plan = await createDocument(server, people.pilot, cities.pilot, 'action_plan', title)
  const pilot = await openAs(browser, server, people.pilot, plan.title)
  const member = await openAs(browser, server, people.member, plan.title)
  await typeUnder(pilot, 'Exposé du problème', 'Les places manquent d’ombre.')
  await saveVersion(pilot, V1)

  await typeUnder(member, 'Exposé du problème', ` ${ADDED_BY_MEMBER}`)
  await expect.poll(() => editorText(pilot)).toContain(ADDED_BY_MEMBER)
  await typeUnder(pilot, 'Exposé du problème', ' Budget prévu.')
  await expect.poll(() => editorText(member)).toContain('Budget prévu.')
  await saveVersion(pilot, V2)
  return { pilot, member }
}

async function openHistory(page: Page) {
  await page.getByRole('link', { name: 'Historique des versions' }).first().click()
  await page.getByRole('heading', { name: 'Historique des versions' }).waitFor()
}

describe('versions of an action plan', () => {
  it('V1, then both cities edit, then V2', async () => {
    await planWithTwoVersions('Plan d’action — deux versions')
  })

  it('comparing V1 and V2 shows the words added and removed, and who wrote each addition', async () => {
    const { people, cities } = world
    const { pilot } = await planWithTwoVersions('Plan d’action — comparaison')
    await openHistory(pilot)
    const list = pilot.getByRole('complementary', { name: /Versions/ })
    await list.getByText(V2).waitFor()
    await list.getByText(V1).waitFor()
    await list.getByRole('button', { name: V2 }).click()

    const memberLabel = `${people.member.name} · ${cities.member.name}`
    await expect.poll(() => marked(pilot, `ins[data-author="${memberLabel}"]`)).toBe(ADDED_BY_MEMBER)
    expect(await marked(pilot, `ins[data-author="${people.pilot.name} · ${cities.pilot.name}"]`)).toBe('Budget prévu.')
    // Nothing was taken out between V1 and V2, and what V1 had is not shown as new.
    expect(await pilot.locator('.compare del').count()).toBe(0)
    expect(await marked(pilot, '.compare ins')).not.toContain('manquent')
    expect(await pilot.getByRole('list', { name: 'Auteurs des ajouts' }).innerText()).toContain(memberLabel)
    await pilot.screenshot({ path: artifactPath('compare.png'), fullPage: true })
  })

  it('exports V2 to DOCX and PDF, with meaningful file names', async () => {
    const { pilot } = await planWithTwoVersions('Plan d’action — export')
    await openHistory(pilot)
    const docx = await exportVersion(pilot, V2, /Word/)
    expect(docx.name).toMatch(/\.docx$/)
    expect(docx.name).toMatch(/V2/)
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK')
    const pdf = await exportVersion(pilot, V2, /PDF/)
    expect(pdf.name).toMatch(/\.pdf$/)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('restoring V1 while the member city edits brings V1 back for both, as a new edit', async () => {
    const { pilot, member } = await planWithTwoVersions('Plan d’action — restauration')
    await openHistory(pilot)
    const v1 = pilot.locator('.version', { hasText: V1 })
    await v1.getByRole('button', { name: 'Restaurer' }).click()
    await pilot.getByRole('dialog').getByRole('button', { name: 'Restaurer' }).click()
    await pilot.getByText(`« ${V1} » a été restaurée dans le document.`).waitFor()

    await expect.poll(() => editorText(member)).not.toContain(ADDED_BY_MEMBER)
    expect(await editorText(member)).toContain('Les places manquent d’ombre.')
    await pilot.locator('.version', { hasText: `Restaurée depuis « ${V1} »` }).waitFor()
  })
})
