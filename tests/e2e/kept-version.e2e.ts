import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { editorText, seriousA11yViolations, untilFocused, type AppServer } from './harness'
import { createDocument, openAs, type World, setUpBrowserWorld } from './world'

/**
 * When the server refuses a suggester's edits (here for their size: over 64 kB in one send, as
 * after a long offline session), the editor reopens the document as the server has it. What the
 * device held is not lost with its copy: it is kept, said, and handed back, until let go.
 */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

const SENTENCE = 'Les places du centre manquent d’ombre en été.'
/**
 * The caret at the end of the text, the editor focused (where a click lands depends on the layout).
 * Tiptap focuses the page element at the next animation frame: keys pressed before it would be lost.
 */
async function caretAtEnd(page: Page): Promise<void> {
  const prose = page.locator('.editor-prose')
  await prose.evaluate((dom) => (dom as unknown as { editor: { commands: { focus(at: 'end'): boolean } } }).editor.commands.focus('end'))
  await untilFocused(prose)
}
const keptKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('atelier:kept-version:')))

describe('a version kept after the server refused it', () => {
  it('offline, the expert suggests pages of text; refused for their size, they come back to her to copy or download', async () => {
    const { people, network } = world
    const title = 'Fiche thématique — longue contribution hors ligne'
    await createDocument(server, people.secretariat, network, 'thematic_sheet', title)
    const pilot = await openAs(browser, server, people.pilot, title)
    await pilot.locator('.editor-prose p').first().click()
    await pilot.keyboard.type(SENTENCE)
    const expert = await openAs(browser, server, people.expert, title)
    await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
    await expert.locator('.editor-status[data-status="saved"]').waitFor()

    // Offline, she writes long passages, each a suggestion; the first alone is past what one send
    // may carry (the others may go in sends of their own, or with it).
    await expert.context().setOffline(true)
    await expert.getByText('hors ligne', { exact: false }).first().waitFor()
    const passages = Array.from(
      { length: 3 },
      (_, n) => `Passage ${n + 1} écrit dans le train. ${'Des arbres et des fontaines pour les places. '.repeat(n === 0 ? 1600 : 100)}`,
    )
    await caretAtEnd(expert)
    for (const passage of passages) {
      await expert.keyboard.press('Enter')
      await expert.keyboard.insertText(passage)
    }
    await expect.poll(() => expert.locator('.editor-prose .suggestion-insertion').count()).toBeGreaterThan(0)
    await expert.context().setOffline(false)

    // Refused whole: she is told why, and the document is as the server has it.
    const notice = expert.locator('.kept-version')
    await notice.getByText('elles dépassaient 64 ko en un seul envoi', { exact: false }).waitFor()
    await expect.poll(() => editorText(expert)).toContain(SENTENCE)
    expect(await editorText(expert)).not.toContain('Passage 1')
    expect(await editorText(pilot)).not.toContain('Passage 1')
    expect(await seriousA11yViolations(expert)).toEqual([])

    // Her version is there to take: downloaded, it holds every passage and the text around them.
    const [download] = await Promise.all([expert.waitForEvent('download'), notice.getByRole('button', { name: 'Télécharger (texte)' }).click()])
    expect(download.suggestedFilename()).toBe(`${title} — votre version.txt`)
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text).toContain(SENTENCE)
    expect(passages.filter((passage) => !text.includes(passage))).toEqual([])
    // Copied, with its formatting for pasting back into a document.
    await expert.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await notice.getByRole('button', { name: 'Copier votre version' }).click()
    await notice.getByText('Votre version est copiée', { exact: false }).waitFor()
    const copied = await expert.evaluate(async () => {
      const [item] = await navigator.clipboard.read()
      return { types: item!.types, html: await (await item!.getType('text/html')).text() }
    })
    expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']))
    // (a boolean: a failure would print pages)
    expect(copied.html.includes(`<p>${passages[2]}</p>`)).toBe(true)

    // Kept across a reload, until she lets it go.
    await expert.reload()
    await notice.getByRole('button', { name: 'Copier votre version' }).waitFor()
    await notice.getByRole('button', { name: 'Ne plus la garder' }).click()
    await expect.poll(() => notice.count()).toBe(0)
    expect(await keptKeys(expert)).toEqual([])
    await expert.reload()
    await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
    expect(await notice.count()).toBe(0)

    // Afresh, her suggestions go through again, in parts.
    await caretAtEnd(expert)
    await expert.keyboard.press('Enter')
    await expert.keyboard.insertText(passages[0]!.slice(0, 20_000))
    await expect.poll(() => editorText(pilot)).toContain('Passage 1 écrit dans le train.')
  })

  it('signing out takes the kept version away with the local copies', async () => {
    const { people, network } = world
    const title = 'Fiche thématique — ordinateur partagé'
    await createDocument(server, people.secretariat, network, 'thematic_sheet', title)
    const expert = await openAs(browser, server, people.expert, title)
    await expert.locator('.editor-status[data-status="saved"]').waitFor()
    await expert.locator('.editor-prose p').first().click()
    await expert.keyboard.insertText('Une contribution trop longue. '.repeat(2500))
    await expert.locator('.kept-version').waitFor()
    expect(await keptKeys(expert)).toHaveLength(1)

    await expert.getByRole('button', { name: 'Se déconnecter' }).click()
    await expert.getByRole('heading', { name: 'Connexion' }).waitFor()
    expect(await keptKeys(expert)).toEqual([])
  })
})
