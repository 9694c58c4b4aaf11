import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { EditorState } from '@tiptap/pm/state'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { compiledServerArgs } from '../helpers/server-build'

/**
 * A real Atelier server (the compiled one, as in production: child process, own data folder,
 * embedded database) and a real Chromium. Client and server must have been built
 * (`npm run build`); .ci/run does it.
 */
export const ARTIFACTS = resolve('test-results')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export type AppServer = { url: string; stop(): Promise<void> }

/** `cwd`: where the server looks for dist/client, for a test that changes the built client (a copy). */
export async function startAppServer(env: Record<string, string> = {}, { cwd }: { cwd?: string } = {}): Promise<AppServer> {
  if (!existsSync(resolve('dist/client/index.html'))) throw new Error('Build the client first: npm run build')
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'))
  const child: ChildProcess = spawn(process.execPath, compiledServerArgs(), {
    cwd,
    // The embedded database keeps browser tests independent of any shared server.
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', ATELIER_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 90_000)
    child.stdout!.on('data', () => {
      const line = output.split('\n').find((l) => l.includes('Atelier is listening'))
      if (line) {
        clearTimeout(timer)
        ok(JSON.parse(line).url)
      }
    })
    child.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${output}`)))
  })
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
      // A failure in CI is explained by what the server logged as wrong, printed beside it.
      const wrong = output.split('\n').filter((l) => /"level":(40|50|60)/.test(l))
      if (wrong.length > 0) console.error(`server warnings and errors:\n${wrong.slice(-40).join('\n')}`)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // This machine has no outside network: background services only produce refused connections.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function newContext(browser: Browser, locale = 'fr-FR'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true })
  return join(ARTIFACTS, name)
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now; returns the serious and
 * critical violations, each with the elements concerned, so a failure says what to fix.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: a <script> tag of the test's own would be an inline
  // script, which the app's Content-Security-Policy refuses.
  await page.evaluate(readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** A fresh browser context signed in through the French sign-in page, on the home screen. */
export async function signIn(browser: Browser, server: AppServer, email: string, password: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage()
  await page.goto(`${server.url}/signin`)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
  return page
}

/** Opens a document from the home screen's list and waits for its editor. */
export async function openDocument(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: title }).first().click()
  // The page's own title: the document's content may open with a heading of the same words.
  await page.locator('#document-title', { hasText: title }).waitFor()
  await page.locator('.editor-prose').waitFor()
}

/**
 * Shift+Home, then waits for the editor to have taken the selection in: Chromium reports it a
 * moment later, and a shortcut pressed before then would act on the bare caret.
 */
export async function selectToLineStart(page: Page): Promise<void> {
  await page.keyboard.press('Shift+Home')
  await page.waitForFunction(() => {
    const dom = document.querySelector('.editor-prose') as (Element & { editor?: { state: { selection: { empty: boolean } } } }) | null
    return dom?.editor?.state.selection.empty === false
  })
}

/** The document's text as a reader sees it, without the other people's caret labels. */
export function editorText(page: Page): Promise<string> {
  return page.locator('.editor-prose').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove())
    return copy.innerText
  })
}

/**
 * Waits for an element to have the focus. The browser gives it later than the element appears when
 * it comes from `autofocus` (at its next rendering step) or from an effect or a frame (Tiptap's focus).
 */
export async function untilFocused(element: Locator): Promise<void> {
  await expect.poll(() => element.evaluate((el) => el === document.activeElement)).toBe(true)
}

/** Types at the end of the block under a section heading of the open document. */
export async function typeUnder(page: Page, heading: string, words: string): Promise<void> {
  await page.locator('.editor-prose h2', { hasText: heading }).locator('xpath=following-sibling::*[1]').click()
  await page.keyboard.press('End')
  await page.keyboard.type(words)
}

/**
 * Selects words of the document's text as a mouse or a finger would: the browser's own selection,
 * then waits for the editor to take it as its own, as it does a person's. Until then a re-rendering
 * caused by another's edit or caret would take the browser's selection away, so it is placed
 * again until the editor holds it.
 */
export function selectWords(page: Page, words: string): Promise<void> {
  return holdSelection(page, words, 'words')
}

/** Puts the caret just after the first occurrence of `words`, as a click there would, held by the editor (see selectWords). */
export function caretAfter(page: Page, words: string): Promise<void> {
  return holdSelection(page, words, 'caret')
}

async function holdSelection(page: Page, words: string, what: 'words' | 'caret'): Promise<void> {
  const prose = page.locator('.editor-prose')
  await expect
    .poll(() =>
      prose.evaluate(
        (root, { target, caret }) => {
          const state = (root as HTMLElement & { editor?: { state: EditorState } }).editor?.state
          if (state) {
            const { from, to, empty } = state.selection
            const held = caret
              ? empty && state.doc.textBetween(Math.max(0, from - target.length), from) === target
              : !empty && state.doc.textBetween(from, to) === target
            if (held) return true
          }
          if ((root as HTMLElement).isContentEditable) (root as HTMLElement).focus({ preventScroll: true })
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(target)
            if (at < 0) continue
            const range = document.createRange()
            range.setStart(node, caret ? at + target.length : at)
            range.setEnd(node, at + target.length)
            getSelection()!.removeAllRanges()
            getSelection()!.addRange(range)
            return false
          }
          throw new Error(`not in the text: ${target}`)
        },
        { target: words, caret: what === 'caret' },
      ),
    )
    .toBe(true)
}
