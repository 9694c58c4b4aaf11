import { createServer } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { linkIn, SmtpSink } from '../helpers/smtp'
import { artifactPath, launchBrowser, newContext, signIn, startAppServer, type AppServer } from './harness'
import { buildWorld, type World } from './world'

/** A port nobody listens on yet: mails carry links, so the server must know its address (PUBLIC_URL) before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

let browser: Browser
let server: AppServer
let smtp: SmtpSink
let world: World
beforeAll(async () => {
  browser = await launchBrowser()
  smtp = await SmtpSink.start()
  const port = await freePort()
  server = await startAppServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Atelier <atelier@essai.example>',
  })
  world = await buildWorld(server)
})
afterAll(async () => {
  await server?.stop()
  await smtp?.down()
  await browser?.close()
})

describe('a forgotten password, by mail', () => {
  it('« Mot de passe oublié ? » sends a link to the address; the link sets a new password, which then signs in', async () => {
    const person = world.people.member
    const page = await (await newContext(browser)).newPage()
    onTestFinished(() => page.context().close())
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('Adresse e-mail').fill(person.email)
    await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click()
    const form = page.getByRole('form', { name: 'Mot de passe oublié ?' })
    // The address typed for signing in is already there.
    expect(await form.getByLabel('Adresse e-mail').inputValue()).toBe(person.email)
    await form.getByRole('button', { name: 'Envoyer le lien' }).click()
    await page.getByText(`Si un compte existe pour ${person.email}`).waitFor()
    await page.screenshot({ path: artifactPath('mail-forgot-password.png') })

    // Their invitation reached them by mail too, when the world was built.
    const resets = () => smtp.to(person.email).filter((m) => m.subject === 'Réinitialiser votre mot de passe Atelier')
    await expect.poll(() => resets().length, { timeout: 15_000 }).toBe(1)
    const [mail] = resets()
    const link = linkIn(mail!, server.url)
    await page.goto(link)
    await page.getByRole('textbox', { name: 'Nouveau mot de passe' }).fill('un tout nouveau mot de passe')
    await page.getByLabel('Confirmez le mot de passe').fill('un tout nouveau mot de passe')
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await page.getByRole('heading', { name: 'Mot de passe modifié' }).waitFor()

    const signedIn = await signIn(browser, server, person.email, 'un tout nouveau mot de passe')
    onTestFinished(() => signedIn.context().close())
    expect(await signedIn.getByRole('heading', { name: /^Bonjour/ }).count()).toBe(1)
  })

  it('the secretariat sees the mail in the network’s outbox, sent', async () => {
    const page = await signIn(browser, server, world.people.secretariat.email, world.people.secretariat.password)
    onTestFinished(() => page.context().close())
    await page.goto(`${server.url}/networks/${world.network.id}`)
    const outbox = page.getByRole('region', { name: 'Courriels envoyés' })
    await outbox.getByText('Réinitialiser votre mot de passe Atelier').first().waitFor()
    // Recorded as sent once the mail server took it, a moment after it arrived: the list is refreshed until then.
    await expect
      .poll(
        async () => {
          await outbox.getByRole('button', { name: 'Actualiser' }).click()
          return outbox.locator('.outbox-state').first().innerText()
        },
        { timeout: 15_000 },
      )
      .toMatch(/^Envoyé le/)
  })
})
