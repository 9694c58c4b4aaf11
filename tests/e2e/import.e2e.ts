import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import type { Browser } from 'playwright-core'
import { describe, expect, it, onTestFinished } from 'vitest'
import { artifactPath, editorText, type AppServer } from './harness'
import { signInPage, type World, setUpBrowserWorld } from './world'

/** A city's team brings in an existing Word file from the new-document dialog and lands in the editor on its words. */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

async function wordFile(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] })
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Diagnostic du quartier')] }),
          new Paragraph({ children: [new TextRun('Un texte '), new TextRun({ text: 'important', bold: true }), new TextRun(' venu de Word.')] }),
          new Table({ rows: [new TableRow({ children: [cell('Indicateur'), cell('Valeur')] }), new TableRow({ children: [cell('Places'), cell('12')] })] }),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}

describe('importing a Word document', () => {
  it('from the new-document dialog: the editor opens on the file’s text, and its first version names the file', async () => {
    const page = await signInPage(browser, server, world.people.member)
    onTestFinished(() => page.context().close())
    await page.getByRole('button', { name: `Nouveau document dans la ville de ${world.cities.member.name}` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Titre').fill('Diagnostic importé')
    const chooser = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Importer un document Word' }).click()
    await (await chooser).setFiles({
      name: 'diagnostic.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await wordFile(),
    })
    await page.waitForURL(/\/documents\/[0-9a-f-]+$/)
    await page.locator('#document-title', { hasText: 'Diagnostic importé' }).waitFor()
    await page.locator('.editor-prose h1', { hasText: 'Diagnostic du quartier' }).waitFor()
    expect(await page.locator('.editor-prose strong').innerText()).toBe('important')
    expect(await page.locator('.editor-prose table td, .editor-prose table th').allInnerTexts()).toEqual(['Indicateur', 'Valeur', 'Places', '12'])
    expect(await editorText(page)).toContain('Un texte important venu de Word.')
    await page.screenshot({ path: artifactPath('import-word.png'), fullPage: true })

    const id = /\/documents\/([0-9a-f-]+)$/.exec(page.url())![1]
    const versions = await page.request.get(`${server.url}/api/documents/${id}/versions`)
    expect((await versions.json()).versions.map((v: { name: string }) => v.name)).toEqual(['Importé de diagnostic.docx'])
  })

  it('says so, in French, when the file is not a Word document, and creates nothing', async () => {
    const page = await signInPage(browser, server, world.people.member)
    onTestFinished(() => page.context().close())
    const documents = async () => ((await (await page.request.get(`${server.url}/api/documents`)).json()) as unknown[]).length
    const before = await documents()
    await page.getByRole('button', { name: `Nouveau document dans la ville de ${world.cities.member.name}` }).click()
    const dialog = page.getByRole('dialog')
    const chooser = page.waitForEvent('filechooser')
    await dialog.getByRole('button', { name: 'Importer un document Word' }).click()
    await (await chooser).setFiles({ name: 'photo.docx', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') })
    await dialog.getByRole('alert').getByText('Seuls les documents Word (.docx) et Markdown (.md) peuvent être importés.', { exact: false }).waitFor()
    expect(page.url()).not.toMatch(/\/documents\//)
    expect(await documents()).toBe(before)
    // The dialog stays usable: the button is offered again.
    expect(await dialog.getByRole('button', { name: 'Importer un document Word' }).isEnabled()).toBe(true)
  })
})
