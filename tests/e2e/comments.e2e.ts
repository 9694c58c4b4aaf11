import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, editorText, launchBrowser, openDocument, signIn, startAppServer, type AppServer } from './harness'

/**
 * Reviewing a draft, in two real browsers on the demonstration network: Sophie Martin
 * (international expert, who may comment on network documents but not edit them) comments on
 * the thematic sheet and mentions Aminata Diallo (Dakar, the pilot city), who is notified,
 * edits around and inside the commented words, replies and resolves; both see it all live.
 */
const SHEET = 'Fiche thématique — Espaces publics inclusifs'
const SENTENCE = 'Les places du centre manquent d’ombre en été.'
const WORDS = 'manquent d’ombre'

let browser: Browser
let server: AppServer
let expert: Page
let pilot: Page

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startAppServer({ ATELIER_DEMO: '1' })
  pilot = await signIn(browser, server, 'pilote@demo.atelier')
  expert = await signIn(browser, server, 'experte@demo.atelier')
  await openDocument(pilot, SHEET)
  await openDocument(expert, SHEET)
  await pilot.locator('.editor-prose h2', { hasText: 'Situation actuelle' }).locator('xpath=following-sibling::*[1]').click()
  await pilot.keyboard.press('End')
  await pilot.keyboard.type(SENTENCE)
  await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
})
afterAll(async () => {
  await expert?.context().close()
  await pilot?.context().close()
  await server?.stop()
  await browser?.close()
})

/** Selects words in the text the way a mouse would: the browser's own selection. */
async function selectWords(page: Page, words: string) {
  await page.locator('.editor-prose').evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + target.length)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      return
    }
    throw new Error(`not in the text: ${target}`)
  }, words)
}

const highlighted = (page: Page) =>
  page
    .locator('.comment-highlight')
    .allInnerTexts()
    .then((t) => t.join(''))
const card = (page: Page, text: string) => page.locator('.thread-card', { hasText: text })

describe('an expert comments, the pilot city replies and resolves', () => {
  it('the expert, who cannot edit, comments on selected words and mentions the pilot', async () => {
    expect(await expert.locator('.editor-prose').getAttribute('contenteditable')).toBe('false')
    await expert.getByText('Aucun commentaire ouvert').waitFor()
    await selectWords(expert, WORDS)
    await expert.getByRole('button', { name: 'Commenter' }).click()
    const box = expert.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('@Amin')
    await expert.getByRole('option', { name: /Aminata Diallo/ }).waitFor()
    await box.press('Enter')
    await box.pressSequentially('pouvez-vous préciser quelles places ?')
    await box.press('Control+Enter')
    await card(expert, 'pouvez-vous préciser').waitFor()
    expect(await card(expert, 'pouvez-vous préciser').locator('.mention').innerText()).toBe('@Aminata Diallo')
    await expect.poll(() => highlighted(expert)).toBe(WORDS)
  })

  it('the pilot sees the thread appear live beside the words, and is notified of the mention', async () => {
    await card(pilot, 'pouvez-vous préciser').waitFor()
    await expect.poll(() => highlighted(pilot)).toBe(WORDS)
    expect(await pilot.getByRole('heading', { name: /Commentaires/ }).innerText()).toContain('1')

    await expect.poll(() => pilot.locator('.notifications-button').getAttribute('aria-label')).toBe('Notifications, 1 non lue')
    await pilot.locator('.notifications-button').click()
    await pilot.getByRole('button', { name: /Sophie Martin vous a mentionné dans « Fiche thématique/ }).click()
    await expect.poll(() => pilot.locator('.notifications-button').getAttribute('aria-label')).toBe('Notifications, aucune non lue')
    await expect.poll(() => card(pilot, 'pouvez-vous préciser').getAttribute('class')).toContain('thread-card-active')
    await pilot.screenshot({ path: artifactPath('comments.png') })
  })

  it('the comment stays on its words while the pilot writes before, inside and after them', async () => {
    const mark = pilot.locator('.comment-highlight').first()
    await mark.click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type(' Surtout le midi.')
    await pilot.locator('.editor-prose h2', { hasText: 'Situation actuelle' }).locator('xpath=following-sibling::*[1]').click()
    await pilot.keyboard.press('Home')
    await pilot.keyboard.type('Constat : ')
    // Inside the words: just after "manquent".
    await pilot.locator('.editor-prose').evaluate((root) => {
      const mark = root.querySelector('.comment-highlight')!.firstChild!
      const range = document.createRange()
      range.setStart(mark, 'manquent'.length)
      range.collapse(true)
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
    })
    await pilot.keyboard.type(' cruellement')
    for (const page of [pilot, expert]) {
      await expect.poll(() => highlighted(page)).toBe('manquent cruellement d’ombre')
      await expect.poll(() => editorText(page)).toContain('Constat : Les places du centre manquent cruellement d’ombre en été. Surtout le midi.')
    }
  })

  it('a funder sees the open thread counted in the list and reads it, but cannot comment', async () => {
    const funder = await signIn(browser, server, 'financeur@demo.atelier')
    await funder.getByRole('link', { name: SHEET }).getByText('1 commentaire ouvert').waitFor()
    await openDocument(funder, SHEET)
    await card(funder, 'pouvez-vous préciser').waitFor()
    await selectWords(funder, 'en été')
    expect(await funder.getByRole('button', { name: 'Commenter' }).count()).toBe(0)
    expect(await card(funder, 'pouvez-vous préciser').getByRole('button').count()).toBe(0)
    await funder.context().close()
  })

  it('the pilot replies and resolves; the expert sees both at once', async () => {
    const thread = card(pilot, 'pouvez-vous préciser')
    await thread.getByRole('button', { name: 'Répondre' }).click()
    const reply = thread.getByRole('combobox', { name: /Votre réponse/ })
    await reply.pressSequentially('La place de l’Indépendance et le marché Tilène.')
    await reply.press('Control+Enter')
    await card(expert, 'marché Tilène').waitFor()

    await thread.getByRole('button', { name: 'Résoudre' }).click()
    await expert.getByText('Aucun commentaire ouvert').waitFor()
    expect(await highlighted(expert)).toBe('')
    await expert.getByRole('radio', { name: 'Résolu (1)' }).click()
    await card(expert, 'marché Tilène').getByText('Résolu par Aminata Diallo').waitFor()
  })

  it('a writer comments too; when the words are deleted the thread is kept, shown apart as detached', async () => {
    await expert.getByRole('radio', { name: /^Ouvert/ }).click()
    await selectWords(pilot, 'Surtout le midi.')
    await pilot.getByRole('button', { name: 'Commenter' }).click()
    const box = pilot.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('À chiffrer.')
    await box.press('Control+Enter')
    await card(expert, 'À chiffrer.').waitFor()
    await expect.poll(() => highlighted(expert)).toBe('Surtout le midi.')

    await pilot.locator('.editor-prose').focus()
    await selectWords(pilot, 'Surtout le midi.')
    await pilot.keyboard.press('Backspace')
    for (const page of [pilot, expert]) {
      await expect.poll(() => editorText(page)).not.toContain('Surtout le midi.')
      const thread = page.locator('.comments-listed .thread-card', { hasText: 'À chiffrer.' })
      await thread.getByText('Texte supprimé').waitFor()
      expect(await thread.locator('.thread-quote').innerText()).toBe('Surtout le midi.')
    }
  })
})
