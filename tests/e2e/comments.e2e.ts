import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, caretAfter, editorText, openDocument, selectWords, type AppServer } from './harness'
import { createDocument, openAs, signInPage, withApi, type World, setUpBrowserWorld } from './world'

/**
 * Reviewing a draft, in two real browsers on the test's own world: the network's international
 * expert (who may comment and suggest on network documents but not edit them) comments on a thematic sheet
 * and mentions the pilot city's team, who is notified, edits around and inside the commented
 * words, replies and resolves; both see it all live. Each test reviews a sheet of its own.
 */
const SENTENCE = 'Les places du centre manquent d’ombre en été.'
const WORDS = 'manquent d’ombre'
const QUESTION = 'pouvez-vous préciser quelles places ?'

let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

const highlighted = (page: Page) =>
  page
    .locator('.comment-highlight')
    .allInnerTexts()
    .then((t) => t.join(''))
const card = (page: Page, text: string) => page.locator('.thread-card', { hasText: text })

/** The paragraph under the sheet's "Situation actuelle" heading, where the pilot city writes. */
const situation = (page: Page) => page.locator('.editor-prose h2', { hasText: 'Situation actuelle' }).locator('xpath=following-sibling::*[1]')

/** A new thematic sheet, open for the pilot city's team and the expert, with the pilot city's sentence in it. */
async function draftForReview(title: string): Promise<{ pilot: Page; expert: Page }> {
  await createDocument(server, world.people.secretariat, world.network, 'thematic_sheet', title)
  const pilot = await openAs(browser, server, world.people.pilot, title)
  const expert = await openAs(browser, server, world.people.expert, title)
  await situation(pilot).click()
  await pilot.keyboard.press('End')
  await pilot.keyboard.type(SENTENCE)
  await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
  return { pilot, expert }
}

/** The expert selects WORDS, and asks the pilot city's team about them, mentioning it. */
async function expertAsks(expert: Page): Promise<void> {
  const { pilot } = world.people
  await selectWords(expert, WORDS)
  await expert.getByRole('button', { name: 'Commenter' }).click()
  const box = expert.getByRole('combobox', { name: /Votre commentaire/ })
  await box.pressSequentially(`@${pilot.name.slice(0, 4)}`)
  await expert.getByRole('option', { name: pilot.name }).waitFor()
  await box.press('Enter')
  await box.pressSequentially(QUESTION)
  await box.press('Control+Enter')
  await card(expert, QUESTION).waitFor()
}

/** The draft, with the expert's question on WORDS seen by both. */
async function draftWithQuestion(title: string): Promise<{ pilot: Page; expert: Page }> {
  const pages = await draftForReview(title)
  await expertAsks(pages.expert)
  await card(pages.pilot, QUESTION).waitFor()
  return pages
}

describe('an expert comments, the pilot city replies and resolves', () => {
  it('the expert, who may only suggest changes in the text, comments on selected words and mentions the pilot', async () => {
    const { expert } = await draftForReview('Fiche thématique — question de l’experte')
    // What she types becomes suggestions (suggestions.e2e.ts); comments are hers to write.
    await expert.getByText('Vous proposez des modifications', { exact: false }).waitFor()
    await expert.getByText('Aucun commentaire ouvert').waitFor()
    await expertAsks(expert)
    expect(await card(expert, QUESTION).locator('.mention').innerText()).toBe(`@${world.people.pilot.name}`)
    await expect.poll(() => highlighted(expert)).toBe(WORDS)
  })

  it('the expert’s selection, and the button to comment on it, stay while the pilot writes in the same sentence', async () => {
    const { pilot, expert } = await draftForReview('Fiche thématique — sélection gardée')
    await selectWords(expert, WORDS)
    const button = expert.getByRole('button', { name: 'Commenter' })
    await button.waitFor()
    await situation(pilot).click()
    await pilot.keyboard.press('Home')
    await pilot.keyboard.type('Constat : ')
    // Read without the carets: the pilot's, with her name, may sit right after « Constat : ».
    await expect.poll(() => editorText(expert)).toContain(`Constat : ${SENTENCE}`)
    await button.click()
    const box = expert.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially(QUESTION)
    await box.press('Control+Enter')
    await expect.poll(() => highlighted(pilot)).toBe(WORDS)
  })

  it('the pilot sees the thread appear live beside the words, and is notified of the mention', async () => {
    const title = 'Fiche thématique — mention notifiée'
    // The other tests mention the pilot city too: it starts this one with nothing unread.
    await withApi(server, world.people.pilot, (api) => api.post('/api/notifications/read-all'))
    const { pilot, expert } = await draftForReview(title)
    await expertAsks(expert)
    await card(pilot, QUESTION).waitFor()
    await expect.poll(() => highlighted(pilot)).toBe(WORDS)
    expect(await pilot.getByRole('heading', { name: /Commentaires/ }).innerText()).toContain('1')

    await expect.poll(() => pilot.locator('.notifications-button').getAttribute('aria-label')).toBe('Notifications, 1 non lue')
    await pilot.locator('.notifications-button').click()
    await pilot.getByRole('button', { name: `${world.people.expert.name} vous a mentionné dans « ${title}` }).click()
    await expect.poll(() => pilot.locator('.notifications-button').getAttribute('aria-label')).toBe('Notifications, aucune non lue')
    await expect.poll(() => card(pilot, QUESTION).getAttribute('class')).toContain('thread-card-active')
    await pilot.screenshot({ path: artifactPath('comments.png') })
  })

  it('the comment stays on its words while the pilot writes before, inside and after them', async () => {
    const { pilot, expert } = await draftWithQuestion('Fiche thématique — mots commentés réécrits')
    const mark = pilot.locator('.comment-highlight').first()
    await mark.click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type(' Surtout le midi.')
    await situation(pilot).click()
    await pilot.keyboard.press('Home')
    await pilot.keyboard.type('Constat : ')
    // Inside the words: just after "manquent".
    await caretAfter(pilot, 'manquent')
    await pilot.keyboard.type(' cruellement')
    for (const page of [pilot, expert]) {
      await expect.poll(() => highlighted(page)).toBe('manquent cruellement d’ombre')
      await expect.poll(() => editorText(page)).toContain('Constat : Les places du centre manquent cruellement d’ombre en été. Surtout le midi.')
    }
  })

  it('a funder sees the open thread counted in the list and reads it, but cannot comment', async () => {
    const title = 'Fiche thématique — lue par le financeur'
    await draftWithQuestion(title)
    const funder = await signInPage(browser, server, world.people.funder)
    await funder.getByRole('link', { name: title }).getByText('1 commentaire ouvert').waitFor()
    await openDocument(funder, title)
    await card(funder, QUESTION).waitFor()
    await selectWords(funder, 'en été')
    // The button is placed at the next animation frame after the selection: two frames have passed.
    await funder.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    expect(await funder.getByRole('button', { name: 'Commenter' }).count()).toBe(0)
    expect(await card(funder, QUESTION).getByRole('button').count()).toBe(0)
    await funder.context().close()
  })

  it('the pilot replies and resolves; the expert sees both at once', async () => {
    const { pilot, expert } = await draftWithQuestion('Fiche thématique — réponse et résolution')
    const thread = card(pilot, QUESTION)
    await thread.getByRole('button', { name: 'Répondre' }).click()
    const reply = thread.getByRole('combobox', { name: /Votre réponse/ })
    await reply.pressSequentially('La place de la Gare et le marché couvert.')
    await reply.press('Control+Enter')
    await card(expert, 'marché couvert').waitFor()

    await thread.getByRole('button', { name: 'Résoudre' }).click()
    await expert.getByText('Aucun commentaire ouvert').waitFor()
    await expect.poll(() => highlighted(expert)).toBe('')
    await expert.getByRole('radio', { name: 'Résolu (1)' }).click()
    await card(expert, 'marché couvert').getByText(`Résolu par ${world.people.pilot.name}`).waitFor()
  })

  it('a writer comments too; when the words are deleted the thread is kept, shown apart as detached', async () => {
    const { pilot, expert } = await draftForReview('Fiche thématique — fil détaché')
    await situation(pilot).click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type(' Surtout le midi.')
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
