import { describe, expect, it } from 'vitest'
import type { Transaction } from '@tiptap/pm/state'
import type { Browser, Locator, Page } from 'playwright-core'
import type { WorkshopView } from '../../shared/api'
import { addDays } from '../../shared/days'
import { artifactPath, editorText, seriousA11yViolations, selectToLineStart, selectWords, type AppServer } from './harness'
import { createDocument, giveRole, openAs, withApi, type World, setUpBrowserWorld } from './world'

/**
 * Suggestion mode, in real browsers on the test's own world. The network's international expert
 * may suggest on network documents (not write them): during the workshop in the pilot city, she
 * proposes a rewording in the pilot city's sheet; the pilot city's team sees it live beside the
 * text and accepts it, and she sees it accepted. A writer switches to « Suggérer » on the pilot
 * city's action plan, and formatting is off while suggesting.
 */
const SENTENCE = 'Les places du centre manquent d’ombre en été.'
const OLD = 'manquent d’ombre'
const NEW = 'sont trop exposées au soleil'

let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

/** Today on this machine's calendar, as the browser (same machine, same zone) counts it. */
const today = () => {
  const now = new Date()
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`
}

const situation = (page: Page) => page.locator('.editor-prose h2', { hasText: 'Situation actuelle' }).locator('xpath=following-sibling::*[1]')
const card = (page: Page, text: string | RegExp) => page.locator('.suggestion-card', { hasText: text })
const inserted = (page: Page) =>
  page
    .locator('.editor-prose .suggestion-insertion')
    .allInnerTexts()
    .then((t) => t.join(''))

/** The element's box on the page, once it has one. */
const boxOf = async (element: Locator) => (await element.boundingBox())!
/** How far apart two elements' tops are, in pixels. */
const topsApart = async (a: Locator, b: Locator) => Math.abs((await boxOf(a)).y - (await boxOf(b)).y)
/** How many pixels of height two elements share on the page (0 when one is wholly above the other). */
async function overlap(a: Locator, b: Locator): Promise<number> {
  const [x, y] = [await boxOf(a), await boxOf(b)]
  return Math.max(0, Math.min(x.y + x.height, y.y + y.height) - Math.max(x.y, y.y))
}

/** Selects words in the text and waits for the editor to hold them, so that typing replaces them. */
async function selectInEditor(page: Page, words: string): Promise<void> {
  await page.locator('.editor-prose').click()
  await selectWords(page, words)
  await page.waitForFunction(() => {
    const dom = document.querySelector('.editor-prose') as (Element & { editor?: { state: { selection: { empty: boolean } } } }) | null
    return dom?.editor?.state.selection.empty === false
  })
}

/**
 * A network sheet the pilot city starts with SENTENCE under « Situation actuelle », then opened by
 * the expert, who may only suggest in it: both pages, once the expert's shows the sentence.
 */
async function sheetWrittenByPilot(title: string): Promise<{ pilot: Page; expert: Page }> {
  const { people, network } = world
  await createDocument(server, people.secretariat, network, 'thematic_sheet', title)
  const pilot = await openAs(browser, server, people.pilot, title)
  await situation(pilot).click()
  await pilot.keyboard.press('End')
  await pilot.keyboard.type(SENTENCE)
  const expert = await openAs(browser, server, people.expert, title)
  await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
  return { pilot, expert }
}

describe('suggestion mode', () => {
  it('during the workshop, the expert suggests a rewording; the pilot city sees it live and accepts it', async () => {
    const { people, cities, network } = world
    // The workshop is under way in the pilot city, with the expert taking part.
    await withApi(server, people.secretariat, async (api) => {
      const workshop = await api.post<WorkshopView>(`/api/networks/${network.id}/workshops`, {
        title: `Atelier de ${cities.pilot.name}`,
        startsOn: today(),
        endsOn: addDays(today(), 1),
        place: 'Hôtel de ville',
      })
      await api.post(`/api/workshops/${workshop.id}/participants`, { kind: 'international_expert', funded: true, name: people.expert.name })
    })
    // Not « Plan d’action — … »: the home screen's links are found by their words.
    const title = `Fiche thématique — atelier de ${cities.pilot.name}`
    await createDocument(server, people.secretariat, network, 'thematic_sheet', title)
    const pilot = await openAs(browser, server, people.pilot, title)
    await situation(pilot).click()
    await pilot.keyboard.press('End')
    await pilot.keyboard.type(SENTENCE)

    const expert = await openAs(browser, server, people.expert, title)
    await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
    // She may suggest, not write: what she types becomes a suggestion.
    await expert.getByText('Vous proposez des modifications', { exact: false }).waitFor()
    expect(await expert.locator('.editor-prose').getAttribute('contenteditable')).toBe('true')
    await expert.getByText('Aucune suggestion en attente.', { exact: false }).waitFor()
    await selectInEditor(expert, OLD)
    await expert.keyboard.type(NEW)
    await expect.poll(() => inserted(expert)).toBe(NEW)
    await expect.poll(() => expert.locator('.editor-prose .suggestion-deletion').allInnerTexts()).toEqual([OLD])
    const what = `Remplacer « ${OLD} » par « ${NEW} »`.replaceAll('« ', '«\u00a0').replaceAll(' »', '\u00a0»')
    await card(expert, what).waitFor()
    // The suggestion is stored: the status line says so, as for anyone's edits.
    await expert.locator('.editor-status[data-status="saved"]').waitFor()

    // The pilot city's team sees it live, in the expert's name, with Accept and Reject.
    const pilotCard = card(pilot, what)
    await pilotCard.waitFor()
    expect(await pilotCard.innerText()).toContain(people.expert.name)
    await expect.poll(() => inserted(pilot)).toBe(NEW)
    expect(await pilot.locator('.editor-prose .suggestion-insertion').first().getAttribute('title')).toBe(`Ajout suggéré par ${people.expert.name}`)
    // Beside its words, in the margin, not in a list at the top of the column.
    const suggested = pilot.locator('.editor-prose [data-suggestion-id]').first()
    await expect.poll(() => topsApart(pilotCard, suggested)).toBeLessThan(4)
    const text = await boxOf(pilot.locator('.editor-prose'))
    expect((await boxOf(pilotCard)).x).toBeGreaterThanOrEqual(text.x + text.width)

    // A question on the sentence's last words, which start on the same line: its card and the
    // suggestion's share the margin. Just sent, the thread is selected: its card is level with
    // its words, the suggestion's makes room above it.
    await selectWords(pilot, 'en été')
    await pilot.getByRole('button', { name: 'Commenter' }).click()
    const box = pilot.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('Lesquelles ?')
    await box.press('Control+Enter')
    const thread = pilot.locator('.thread-card', { hasText: 'Lesquelles ?' })
    await expect.poll(() => thread.getAttribute('class')).toContain('thread-card-active')
    const commented = pilot.locator('.editor-prose .comment-highlight').first()
    await expect.poll(() => topsApart(thread, commented)).toBeLessThan(4)
    await expect.poll(() => overlap(thread, pilotCard)).toBe(0)
    expect((await boxOf(pilotCard)).y).toBeLessThan((await boxOf(thread)).y)
    expect(await seriousA11yViolations(pilot)).toEqual([])

    // Clicking the suggested text selects its card: now it is level with its words, the thread's
    // below. (A click at the start of the line first: the question's words, still selected, would
    // keep their « Commenter » button over the text.)
    await situation(pilot).click({ position: { x: 2, y: 2 } })
    await pilot.locator('.editor-prose .suggestion-insertion').first().click()
    await expect.poll(() => pilotCard.getAttribute('class')).toContain('suggestion-card-active')
    await expect.poll(() => topsApart(pilotCard, suggested)).toBeLessThan(4)
    await expect.poll(() => overlap(thread, pilotCard)).toBe(0)
    expect((await boxOf(thread)).y).toBeGreaterThan((await boxOf(pilotCard)).y)
    // The text, its suggestion and the selected card in one view, below the sticky bars.
    await pilot.locator('.editor-layout').evaluate((layout) => window.scrollBy(0, layout.getBoundingClientRect().top - 120))
    await pilot.screenshot({ path: artifactPath('suggestions.png') })
    // From the keyboard: the card's summary is a button that selects the words.
    await pilotCard.getByRole('button', { name: what }).focus()
    await pilot.keyboard.press('Enter')
    await pilot.waitForFunction((words) => {
      const dom = document.querySelector('.editor-prose') as
        | (Element & { editor?: { state: { doc: { textBetween(a: number, b: number): string }; selection: { from: number; to: number } } } })
        | null
      const state = dom?.editor?.state
      return !!state && state.doc.textBetween(state.selection.from, state.selection.to).includes(words)
    }, NEW)

    await pilotCard.getByRole('button', { name: 'Accepter' }).click()
    for (const page of [pilot, expert]) {
      await expect.poll(() => editorText(page)).toContain(`Les places du centre ${NEW} en été.`)
      await expect.poll(() => page.locator('.editor-prose .suggestion').count()).toBe(0)
      await page.getByText('Aucune suggestion en attente.', { exact: false }).waitFor()
    }
    expect(await editorText(expert)).not.toContain(OLD)
  })

  it('the expert withdraws her own suggestion; the pilot city rejects another', async () => {
    const title = 'Fiche thématique — suggestions retirées'
    const { pilot, expert } = await sheetWrittenByPilot(title)

    await selectInEditor(expert, 'en été')
    await expert.keyboard.press('Backspace')
    const deletion = card(expert, 'Supprimer')
    await deletion.waitFor()
    // « Discuter » opens a comment on the suggestion's words.
    await deletion.getByRole('button', { name: 'Discuter' }).click()
    const box = expert.getByRole('combobox', { name: /Votre commentaire/ })
    await box.pressSequentially('La chaleur dure de mai à octobre.')
    await box.press('Control+Enter')
    await pilot.locator('.thread-card', { hasText: 'La chaleur dure de mai à octobre.' }).locator('.thread-quote', { hasText: 'en été' }).waitFor()
    // Her own: she may withdraw it, not accept it.
    expect(await deletion.getByRole('button', { name: 'Accepter' }).count()).toBe(0)
    await card(pilot, 'Supprimer').waitFor()
    await deletion.getByRole('button', { name: 'Retirer' }).click()
    for (const page of [expert, pilot]) await expect.poll(() => page.locator('.suggestion-card').count()).toBe(0)
    expect(await editorText(pilot)).toContain(SENTENCE)

    await situation(expert).click()
    await expert.keyboard.press('End')
    await expert.keyboard.type(' Et au marché.')
    await card(pilot, 'Ajouter').getByRole('button', { name: 'Refuser' }).click()
    for (const page of [expert, pilot]) {
      await expect.poll(() => page.locator('.suggestion-card').count()).toBe(0)
      await expect.poll(() => editorText(page)).not.toContain('Et au marché.')
    }
  })

  it('a writer switches to « Suggérer » on the action plan: typing suggests, formatting is off, the choice is remembered', async () => {
    const { people, cities } = world
    // An expert the pilot city invited writes its documents: she chooses to suggest instead.
    await giveRole(server, world, people.expert, { role: 'expert', on: cities.pilot, expertKind: 'international' })
    const title = world.documents.plan.title
    const writer = await openAs(browser, server, people.expert, title)
    const pilot = await openAs(browser, server, people.pilot, title)
    const mode = writer.getByLabel('Mode d’édition')
    expect(await mode.inputValue()).toBe('edit')
    await mode.selectOption('suggest')

    const bold = writer.getByRole('button', { name: 'Gras' })
    expect(await bold.getAttribute('aria-disabled')).toBe('true')
    expect(await bold.getAttribute('title')).toContain('Mise en forme indisponible en mode suggestion')
    await writer.locator('.editor-prose p').first().click()
    await writer.keyboard.press('End')
    await writer.keyboard.type(' Un parc ombragé par quartier.')
    await expect.poll(() => inserted(writer)).toBe(' Un parc ombragé par quartier.')
    // Ctrl+B does nothing while suggesting: no bold appears.
    await selectToLineStart(writer)
    await writer.keyboard.press('Control+b')
    expect(await writer.locator('.editor-prose strong').count()).toBe(0)

    await card(pilot, 'Ajouter « Un parc ombragé par quartier. »'.replaceAll('« ', '«\u00a0').replaceAll(' »', '\u00a0»')).waitFor()
    await expect.poll(() => inserted(pilot)).toBe(' Un parc ombragé par quartier.')

    // Remembered on this device for this document.
    await writer.reload()
    await writer.locator('.editor-prose').waitFor()
    expect(await writer.getByLabel('Mode d’édition').inputValue()).toBe('suggest')
    await writer.getByLabel('Mode d’édition').selectOption('edit')
    await writer.locator('.editor-prose p').first().click()
    await writer.keyboard.press('Control+End')
    await writer.keyboard.type(' Mis à jour.')
    await expect.poll(() => editorText(pilot)).toContain('Mis à jour.')
    expect(await inserted(pilot)).toBe(' Un parc ombragé par quartier.')
  })

  it('the pilot city rejects all of one person’s suggestions, then accepts all the others', async () => {
    const { people } = world
    const title = 'Fiche thématique — suggestions de deux personnes'
    const { pilot, expert } = await sheetWrittenByPilot(title)
    await situation(expert).click()
    await expert.keyboard.press('End')
    await expert.keyboard.type(' Proposé par l’experte.')
    await card(pilot, 'Proposé par l’experte.').waitFor()

    await pilot.getByLabel('Mode d’édition').selectOption('suggest')
    await situation(pilot).click()
    await pilot.keyboard.press('Home')
    await pilot.keyboard.type('Constat : ')
    await card(pilot, 'Constat :').waitFor()

    await pilot.getByLabel('De', { exact: true }).selectOption({ label: people.expert.name })
    await pilot.getByRole('button', { name: `Tout refuser de ${people.expert.name}` }).click()
    // Asked first, with how many: the server's edit is not the page's to undo.
    const ask = pilot.getByRole('dialog', { name: `Tout refuser de ${people.expert.name}\u00a0?` })
    await ask.getByText('La suggestion en attente sera retirée du texte.').waitFor()
    await ask.getByRole('button', { name: `Tout refuser de ${people.expert.name}` }).click()
    for (const page of [pilot, expert]) {
      await expect.poll(() => editorText(page)).not.toContain('Proposé par l’experte.')
      await card(page, 'Constat :').waitFor()
    }
    await pilot.getByRole('button', { name: 'Tout accepter' }).click()
    await pilot.getByRole('dialog', { name: 'Tout accepter\u00a0?' }).getByRole('button', { name: 'Tout accepter' }).click()
    for (const page of [pilot, expert]) {
      await expect.poll(() => page.locator('.suggestion-card').count()).toBe(0)
      await expect.poll(() => editorText(page)).toContain(`Constat : ${SENTENCE}`)
    }
  })

  it('an edit that is not a suggestion is refused: the expert’s editor drops its copy, syncs afresh and says why', async () => {
    const title = 'Fiche thématique — modification refusée'
    const { pilot, expert } = await sheetWrittenByPilot(title)
    await expert.locator('.editor-status[data-status="saved"]').waitFor()

    // A plain edit, past suggestion mode (as a modified client would send it).
    await expert.locator('.editor-prose').evaluate((dom) => {
      const editor = (dom as unknown as { editor: { state: { tr: Transaction }; view: { dispatch(tr: Transaction): void } } }).editor
      editor.view.dispatch(editor.state.tr.insertText('FORGÉ ', 1).setMeta('@handlewithcare/prosemirror-suggest-changes$', { skip: true }))
    })
    await expert
      .getByText('Cette modification n’a pas pu être enregistrée : en mode suggestion, seules les propositions de texte sont acceptées.', { exact: false })
      .waitFor()
    await expert.locator('.editor-prose', { hasText: SENTENCE }).waitFor()
    await expect.poll(() => editorText(expert)).not.toContain('FORGÉ')
    // Afresh, her suggestions go through again; the pilot city never saw the forged words.
    await situation(expert).click()
    await expert.keyboard.press('End')
    await expert.keyboard.type(' Surtout le midi.')
    await expect.poll(() => inserted(pilot)).toBe(' Surtout le midi.')
    expect(await editorText(pilot)).not.toContain('FORGÉ')
  })

  it('on a phone, the cards are in the sheet with the comments', async () => {
    const { people, network } = world
    const title = 'Fiche thématique — sur téléphone'
    await createDocument(server, people.secretariat, network, 'thematic_sheet', title)
    const expert = await openAs(browser, server, people.expert, title)
    await situation(expert).click()
    await expert.keyboard.type('Proposition de l’experte.')
    await expect.poll(() => inserted(expert)).toContain('Proposition de l’experte.')

    const pilot = await openAs(browser, server, people.pilot, title)
    await pilot.setViewportSize({ width: 390, height: 844 })
    await pilot.getByRole('button', { name: 'Suggestions, 1 en attente' }).click()
    const sheet = pilot.getByRole('dialog', { name: 'Commentaires' })
    await sheet.locator('.suggestion-card', { hasText: 'Proposition de l’experte.' }).waitFor()
    const accept = sheet.getByRole('button', { name: 'Accepter', exact: true })
    expect(await accept.count()).toBe(1)
    expect(await seriousA11yViolations(pilot)).toEqual([])
    // Settling is done by the server: offline, the buttons say why they wait.
    await pilot.context().setOffline(true)
    await expect.poll(() => accept.isDisabled()).toBe(true)
    expect(await accept.getAttribute('title')).toBe('Hors ligne : accepter, refuser ou retirer une suggestion demande une connexion.')
    await pilot.context().setOffline(false)
    await expect.poll(() => accept.isDisabled()).toBe(false)
  })
})
