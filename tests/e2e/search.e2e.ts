import { describe, expect, it, onTestFinished } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { seriousA11yViolations, untilFocused, type AppServer } from './harness'
import { openAs, signInPage, type World, setUpBrowserWorld } from './world'

/**
 * Search from the header: a word the pilot city just typed in its plan is found with `/`, by its
 * plural, and the result opens the plan at the word; another city finds nothing of it.
 */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

const WORD = 'ornithorynque'

/** What the API finds for the signed-in person of the page. */
const apiFinds = (page: Page, q: string) =>
  page.evaluate(async (words) => {
    const res = await fetch(`/api/search?q=${encodeURIComponent(words)}`)
    return ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id)
  }, q)

/** The text the editor has selected. */
const selectedText = (page: Page) =>
  page.locator('.editor-prose').evaluate((el) => {
    const editor = (el as unknown as { editor: { state: { doc: { textBetween(a: number, b: number): string }; selection: { from: number; to: number } } } })
      .editor
    return editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to)
  })

describe('search from the header', () => {
  it('finds a word just typed with `/`, opens the document at it, and shows another city nothing', async () => {
    const plan = world.documents.plan
    const writer = await openAs(browser, server, world.people.pilot, plan.title)
    await writer.locator('.editor-prose').click()
    await writer.keyboard.press('Control+End')
    await writer.keyboard.press('Enter')
    await writer.keyboard.type(`Un ${WORD} traverse la place du marché.`)
    await writer.locator('.editor-status[data-status="saved"]').waitFor()
    // The derived copy, and so the index, follows the edit a moment later.
    await expect.poll(() => apiFinds(writer, `${WORD}s`), { timeout: 15_000 }).toEqual([plan.id])

    await writer.goto(`${server.url}/`)
    await writer.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await writer.keyboard.press('/')
    const box = writer.getByRole('combobox', { name: 'Rechercher' })
    await untilFocused(box)
    await box.pressSequentially(`${WORD}s`)
    const option = writer.getByRole('option', { name: new RegExp(plan.title) })
    await option.waitFor()
    expect(await writer.locator('.search-option-snippet mark').first().textContent()).toBe(WORD)
    expect(await seriousA11yViolations(writer)).toEqual([])
    await writer.keyboard.press('ArrowDown')
    expect(await option.getAttribute('aria-selected')).toBe('true')
    await writer.keyboard.press('Enter')
    await writer.waitForURL(new RegExp(`/documents/${plan.id}\\?q=${WORD}s$`))
    await writer.locator('#document-title', { hasText: plan.title }).waitFor()
    await expect.poll(() => selectedText(writer), { timeout: 10_000 }).toBe(WORD)

    // Another city's team: the plan is private to the pilot city; nothing of it shows.
    const other = await signInPage(browser, server, world.people.member)
    onTestFinished(() => other.context().close())
    await other.keyboard.press('/')
    await other.getByRole('combobox', { name: 'Rechercher' }).pressSequentially(WORD)
    await other.getByText(`Aucun résultat pour « ${WORD} »`).waitFor()
    expect(await other.getByRole('option').count()).toBe(0)
    expect(await apiFinds(other, WORD)).toEqual([])
  })
})
