import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Request } from 'playwright-core'
import { newContext, seriousA11yViolations, untilFocused, type AppServer } from './harness'
import { signInPage, type World, setUpBrowserWorld } from './world'

/**
 * A visitor with no session gets the sign-in form in the page itself (infra/sign-in-shell.ts):
 * on a slow line they type while the app's scripts arrive, and the app takes over with what they
 * typed. The browser never sends that early form by itself.
 */
let browser: Browser
let server: AppServer
let world: World
setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

/** Holds the app's scripts back until the returned function is called. */
async function holdScripts(context: BrowserContext): Promise<() => void> {
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await context.route('**/assets/*.js', async (route) => {
    await held
    await route.continue()
  })
  return release
}

describe('the sign-in form before the app is here', () => {
  it('takes typing while the scripts are held back, then the app goes on with what was typed and where the caret was', async () => {
    const { secretariat } = world.people
    const context = await newContext(browser)
    const page = await context.newPage()
    // The app's scripts are held back: only the page and its styles arrive.
    const release = await holdScripts(context)
    const documents: Request[] = []
    page.on('request', (request) => {
      if (request.isNavigationRequest()) documents.push(request)
    })
    await page.goto(`${server.url}/`, { waitUntil: 'commit' })

    await untilFocused(page.getByLabel('Adresse e-mail'))
    await page.keyboard.type(secretariat.email)
    await page.keyboard.press('Tab')
    const half = Math.ceil(secretariat.password.length / 2)
    await page.keyboard.type(secretariat.password.slice(0, half))
    // Enter does nothing yet: no submit button, two fields, so the browser does not send the form.
    await page.keyboard.press('Enter')
    expect(await page.getByRole('button', { name: 'Se connecter' }).isDisabled()).toBe(true)

    release()
    // The app's sign-in page: its button works, and the fields hold what was typed.
    await page.locator('#root').getByRole('button', { name: 'Se connecter' }).and(page.locator(':enabled')).waitFor()
    expect(await page.locator('#early').count()).toBe(0)
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(secretariat.email)
    const password = page.getByLabel('Mot de passe', { exact: true })
    expect(await password.inputValue()).toBe(secretariat.password.slice(0, half))
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.keyboard.type(secretariat.password.slice(half))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    // The only page loads were the first one: the early form never left the browser.
    expect(documents.map((r) => r.url())).toEqual([`${server.url}/`])
    expect(documents.every((r) => !r.url().includes(encodeURIComponent(secretariat.password)))).toBe(true)
    await context.close()
  })

  it('keeps a keystroke that lands in the early form after the app has read it, before the app takes over', async () => {
    const { secretariat } = world.people
    const half = Math.ceil(secretariat.password.length / 2)
    const context = await newContext(browser)
    // The race, made certain: the app's first read of the early password (while it renders, in a
    // transition that may pause) sees what was typed so far, and the rest arrives just after it.
    await context.addInitScript((late: string) => {
      const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value') as PropertyDescriptor
      let arrived = false
      Object.defineProperty(HTMLInputElement.prototype, 'value', {
        ...value,
        get(this: HTMLInputElement) {
          const now = value.get?.call(this) as string
          if (!arrived && this.id === 'early-password' && now) {
            arrived = true
            value.set?.call(this, now + late)
          }
          return now
        },
      })
    }, secretariat.password.slice(half))
    const page = await context.newPage()
    const release = await holdScripts(context)
    await page.goto(`${server.url}/`, { waitUntil: 'commit' })
    await untilFocused(page.getByLabel('Adresse e-mail'))
    await page.keyboard.type(secretariat.email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(secretariat.password.slice(0, half))

    release()
    await page.locator('#root').getByRole('button', { name: 'Se connecter' }).and(page.locator(':enabled')).waitFor()
    const password = page.getByLabel('Mot de passe', { exact: true })
    expect(await password.inputValue()).toBe(secretariat.password)
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /^Bonjour/ }).waitFor()
    await context.close()
  })

  it('is in the page only for someone with no session, on the screens that ask for one', async () => {
    const anonymous = await newContext(browser)
    const hasEarlyForm = async (request: typeof anonymous.request, path: string) =>
      (await (await request.get(`${server.url}${path}`)).text()).includes('id="early"')
    expect(await hasEarlyForm(anonymous.request, '/')).toBe(true)
    expect(await hasEarlyForm(anonymous.request, '/search')).toBe(true)
    expect(await hasEarlyForm(anonymous.request, '/invitation/abc')).toBe(false)
    // What the service worker keeps as the app's page for every screen.
    expect(await hasEarlyForm(anonymous.request, '/index.html')).toBe(false)
    expect(await hasEarlyForm(anonymous.request, '/setup')).toBe(false)
    const signedIn = await signInPage(browser, server, world.people.pilot)
    expect(await hasEarlyForm(signedIn.context().request, '/')).toBe(false)
    await anonymous.close()
    await signedIn.context().close()
  })
})
