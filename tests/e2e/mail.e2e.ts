import { createServer } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { linkIn, SmtpSink } from '../helpers/smtp'
import { artifactPath, launchBrowser, newContext, signIn, startAppServer, type AppServer } from './harness'
import type { MailPreferences, MeResponse, WorkshopView } from '../../shared/api'
import { buildWorld, withApi, type World } from './world'

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

  it('a workshop invitation carries a link that stops workshop mail; the person then chooses the rest on « Vos courriels »', async () => {
    const person = world.people.localExpert
    const me = await withApi(server, person, (api) => api.send<MeResponse>('GET', '/api/me'))
    await withApi(server, world.people.secretariat, async (api) => {
      const workshop = await api.post<WorkshopView>(`/api/networks/${world.network.id}/workshops`, {
        title: 'Atelier de Kappaville',
        startsOn: '2027-03-09',
        endsOn: '2027-03-11',
        place: 'Dakar',
      })
      await api.post(`/api/workshops/${workshop.id}/participants`, { kind: 'local_expert', funded: false, userId: me.user.id })
    })
    const invitations = () => smtp.to(person.email).filter((m) => m.subject?.startsWith('Invitation'))
    await expect.poll(() => invitations().length, { timeout: 15_000 }).toBe(1)
    const stop = /Ne plus recevoir de courriels pour les ateliers\u00a0: (\S+)/.exec(invitations()[0]!.text ?? '')![1]!
    expect(stop).toMatch(new RegExp(`^${server.url}/unsubscribe/`))

    // Opened from the mail, signed out.
    const page = await (await newContext(browser)).newPage()
    onTestFinished(() => page.context().close())
    await page.goto(stop)
    await page.getByText('Ne plus recevoir de courriels pour ce sujet').waitFor()
    await page.getByRole('button', { name: 'Confirmer' }).click()
    await page.getByText('C’est fait').waitFor()

    const signedIn = await signIn(browser, server, person.email, person.password)
    onTestFinished(() => signedIn.context().close())
    await signedIn.getByRole('link', { name: new RegExp(person.name) }).click()
    await signedIn.getByRole('heading', { name: 'Vos courriels' }).waitFor()
    const workshops = signedIn.getByRole('group', { name: 'Les ateliers (invitations et changements de dates)' })
    expect(await workshops.getByRole('radio', { name: 'Jamais' }).isChecked()).toBe(true)
    await signedIn.getByRole('group', { name: 'Quand on vous mentionne' }).getByRole('radio', { name: 'Un récapitulatif par jour' }).check()
    await signedIn.getByText('Vos choix sont enregistrés.').waitFor()
    await signedIn.screenshot({ path: artifactPath('mail-settings.png'), fullPage: true })
    const saved = await withApi(server, person, (api) => api.send<MailPreferences>('GET', '/api/me/mail'))
    expect(saved.topics).toMatchObject({ workshop: 'never', mention: 'daily', reply: 'now' })
  })
})
