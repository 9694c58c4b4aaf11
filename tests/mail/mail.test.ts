import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Mail } from '../../server/mail/mail'
import { remindDueDates } from '../../server/commands/due-reminders'
import { claimDueMail, markAttemptFailed, markSent, queueMail } from '../../server/data/outbox'
import { sendDigests } from '../../server/commands/digests'
import { MAILED_INVITATIONS_PER_HOUR } from '../../server/commands/invitations'
import { createLogger } from '../../server/logger'
import ICAL from 'ical.js'
import type { LinkResponse, MailPreferences, OutboxList, SetupStatus, SubmissionCreated, ThreadView, WorkshopView } from '../../shared/api'
import { ORIGIN, testApp } from '../helpers/app'
import { anchorIn } from '../helpers/comments'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { linkIn, SmtpSink } from '../helpers/smtp'
import { buildCity, buildDocument, buildNetwork, buildPerson, signIn, PASSWORD } from '../helpers/world'

/** French as mails set it: a no-break space inside « » and before : ; ? ! */
const fr = (text: string) =>
  text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ ([:;?!])/g, '\u00a0$1')

/** Quick retries, so an outage and its recovery fit in a test. */
const FAST = { pollMs: 100, retryMs: 100, maxRetryMs: 400, leaseMs: 5_000 }

describe.each(DRIVERS)('mail through the outbox, to a real SMTP server, on %s', (driver) => {
  let db: TestDb
  let smtp: SmtpSink
  let mail: Mail
  let app: ReturnType<typeof testApp>

  beforeAll(async () => {
    db = await openTestDb(driver)
    smtp = await SmtpSink.start()
    mail = new Mail({ smtpUrl: smtp.url, from: 'Atelier <atelier@atelier.test>', baseUrl: ORIGIN }, db, createLogger('silent'), FAST)
    mail.start()
    app = testApp(db, { mail })
  })
  afterAll(async () => {
    await mail.stop()
    await smtp.down()
    await app.deps.hub.shutdown()
    await db.drop()
  })

  async function world() {
    const network = await buildNetwork(db, 'Réseau Espaces publics')
    const dakar = await buildCity(db, network, 'pilot', 'Dakar')
    const secretariat = await buildPerson(db, 'Claire Secrétariat', [{ role: 'secretariat', on: network }])
    const pilot = await buildPerson(db, 'Aminata Diallo', [{ role: 'city_team', on: dakar }])
    const funder = await buildPerson(db, 'Marc Funder', [{ role: 'funder', on: network }])
    return { network, dakar, secretariat, pilot, funder }
  }

  const outbox = async (client: Awaited<ReturnType<typeof signIn>>, networkId: string) => client.get<OutboxList>(`/api/networks/${networkId}/outbox`)

  it('“Mot de passe oublié ?” mails a link to the account’s address, in its language; the link sets a new password', async () => {
    const w = await world()
    await db.query(`update users set locale = 'en' where id = $1`, [w.pilot.id])
    expect((await app.client().get<SetupStatus>('/api/setup')).body.mail).toBe(true)
    const anonymous = app.client()
    expect((await anonymous.post('/api/password-resets', { email: w.pilot.email.toUpperCase() })).status).toBe(202)
    // An unknown address gets the same answer, and no mail.
    expect((await anonymous.post('/api/password-resets', { email: 'nobody.here@example.org' })).status).toBe(202)
    await expect.poll(() => smtp.to(w.pilot.email).length).toBe(1)
    const [sent] = smtp.to(w.pilot.email)
    expect(sent!.subject).toBe('Reset your Atelier password')
    expect(sent!.from?.text).toContain('atelier@atelier.test')
    expect(sent!.html).toContain('Choose a new password')
    const link = linkIn(sent!, ORIGIN)
    expect(link).toMatch(new RegExp(`^${ORIGIN}/reset/`))
    const token = link.split('/').pop()!
    expect((await anonymous.post(`/api/password-resets/${token}`, { password: 'a brand new password' })).status).toBe(204)
    expect((await anonymous.post('/api/auth/login', { email: w.pilot.email, password: PASSWORD })).status).toBe(401)
    expect((await anonymous.post('/api/auth/login', { email: w.pilot.email, password: 'a brand new password' })).status).toBe(200)
    // The link works once.
    expect((await anonymous.post(`/api/password-resets/${token}`, { password: 'yet another password' })).status).toBe(409)
    expect(smtp.mails.some((m) => m.text?.includes('nobody.here'))).toBe(false)
    expect((await anonymous.post('/api/password-resets', { email: 'not an address' })).status).toBe(400)
  })

  it('an invitation with an address is mailed, naming who invites and from which city; without one, the link is only handed back', async () => {
    const w = await world()
    const pilot = await signIn(app, w.pilot)
    const invitee = `invitee.${Date.now()}@example.org`
    const res = await pilot.post<LinkResponse>('/api/invitations', { role: 'city_team', space: w.dakar, email: invitee })
    expect(res.status).toBe(201)
    expect(res.body.mailedTo).toBe(invitee)
    await expect.poll(() => smtp.to(invitee).length).toBe(1)
    const [sent] = smtp.to(invitee)
    expect(sent!.subject).toBe(fr('Aminata Diallo (Dakar) vous invite dans « Dakar »'))
    expect(sent!.text).toContain('(Équipe de ville)')
    expect(linkIn(sent!, ORIGIN)).toBe(res.body.url)
    const plain = await pilot.post<LinkResponse>('/api/invitations', { role: 'city_team', space: w.dakar })
    expect(plain.body.mailedTo).toBeNull()
  })

  it('an invitation is written in the language of the account the address has already, or else in the inviter’s', async () => {
    const w = await world()
    await db.query(`update users set locale = 'en' where id = $1`, [w.pilot.id])
    await db.query(`update users set locale = 'es' where id = $1`, [w.funder.id])
    const pilot = await signIn(app, w.pilot)
    const newcomer = `newcomer.${Date.now()}@example.org`
    expect((await pilot.post<LinkResponse>('/api/invitations', { role: 'city_team', space: w.dakar, email: newcomer })).body.mailedTo).toBe(newcomer)
    // The address is the funder's account, written in capitals: it is the same person.
    const known = w.funder.email.toUpperCase()
    expect((await pilot.post<LinkResponse>('/api/invitations', { role: 'city_team', space: w.dakar, email: known })).body.mailedTo).toBe(w.funder.email)
    await expect.poll(() => smtp.to(newcomer).length).toBe(1)
    expect(smtp.to(newcomer)[0]!.subject).toBe('Aminata Diallo (Dakar) invites you to “Dakar”')
    await expect.poll(() => smtp.to(w.funder.email).length).toBe(1)
    const [spanish] = smtp.to(w.funder.email)
    expect(spanish!.subject).toBe('Aminata Diallo (Dakar) le invita a «Dakar»')
    expect(spanish!.text).toContain('(Equipo de ciudad)')
  })

  it('a mention and a reply are mailed with the comment and a link to its thread, once each, never to the writer', async () => {
    const w = await world()
    const plan = await buildDocument(db, w.dakar, { title: 'Plan d’action de Dakar' })
    const secretariat = await signIn(app, w.secretariat)
    const pilot = await signIn(app, w.pilot)
    const thread = await secretariat.post<ThreadView>(`/api/documents/${plan.id}/comments`, {
      anchor: await anchorIn(db, plan.id),
      body: 'Aminata, pouvez-vous préciser le calendrier ?',
      mentions: [w.pilot.id],
    })
    expect(thread.status).toBe(201)
    await expect.poll(() => smtp.to(w.pilot.email).length).toBe(1)
    const [mention] = smtp.to(w.pilot.email)
    expect(mention!.subject).toBe(fr('Claire Secrétariat vous a mentionné·e dans « Plan d’action de Dakar »'))
    expect(mention!.text).toContain(fr('« Aminata, pouvez-vous préciser le calendrier ? »'))
    expect(linkIn(mention!, ORIGIN)).toBe(`${ORIGIN}/documents/${plan.id}?thread=${thread.body.id}`)
    expect((await pilot.post(`/api/documents/${plan.id}/comments/${thread.body.id}/replies`, { body: 'Oui, d’ici vendredi.' })).status).toBe(201)
    await expect.poll(() => smtp.to(w.secretariat.email).length).toBe(1)
    expect(smtp.to(w.secretariat.email)[0]!.subject).toBe(fr('Aminata Diallo (Dakar) a répondu dans « Plan d’action de Dakar »'))
    expect(smtp.to(w.pilot.email)).toHaveLength(1)
  })

  it('the submission cycle is mailed: a submission to the secretariat, remarks and validation to the city’s writers', async () => {
    const w = await world()
    const plan = await buildDocument(db, w.dakar, { kind: 'action_plan', title: 'Plan d’action de Dakar' })
    const secretariat = await signIn(app, w.secretariat)
    const pilot = await signIn(app, w.pilot)
    const submitted = await pilot.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, { message: 'Première version pour relecture.' })
    expect(submitted.status).toBe(201)
    const forSecretariat = () => smtp.to(w.secretariat.email).filter((m) => m.subject === fr('« Plan d’action de Dakar » est soumis'))
    await expect.poll(() => forSecretariat().length).toBe(1)
    expect(forSecretariat()[0]!.text).toContain(fr('Aminata Diallo (Dakar) a soumis « Plan d’action de Dakar » (Dakar) : il attend votre relecture.'))
    expect(forSecretariat()[0]!.text).toContain(fr('« Première version pour relecture. »'))
    expect(linkIn(forSecretariat()[0]!, ORIGIN)).toBe(`${ORIGIN}/documents/${plan.id}`)
    const submissionId = submitted.body.submission.id
    expect((await secretariat.post(`/api/documents/${plan.id}/submissions/${submissionId}/return`, { message: 'Précisez le budget.' })).status).toBe(200)
    const returned = () => smtp.to(w.pilot.email).filter((m) => m.subject === fr('« Plan d’action de Dakar » vous est renvoyé avec des remarques'))
    await expect.poll(() => returned().length).toBe(1)
    expect(returned()[0]!.text).toContain(fr('« Précisez le budget. »'))
    const again = await pilot.post<SubmissionCreated>(`/api/documents/${plan.id}/submissions`, { message: 'Budget précisé.' })
    expect((await secretariat.post(`/api/documents/${plan.id}/submissions/${again.body.submission.id}/validate`, {})).status).toBe(200)
    const validated = () => smtp.to(w.pilot.email).filter((m) => m.subject === fr('« Plan d’action de Dakar » est validé'))
    await expect.poll(() => validated().length).toBe(1)
    expect(validated()[0]!.text).toContain(fr('Claire Secrétariat a validé « Plan d’action de Dakar » : la version soumise est verrouillée.'))
    await expect.poll(() => forSecretariat().length).toBe(2)
    // The funder reads the plan but takes no step in its cycle: no mail.
    expect(smtp.to(w.funder.email)).toEqual([])
  })

  it('reminds a deliverable’s writers a week before its due date, the day before, and once it has passed; once each', async () => {
    const w = await world()
    const day = (offset: number) => new Date(Date.UTC(2027, 2, 10 + offset)).toISOString().slice(0, 10)
    const due = async (title: string, offset: number, stage = 'draft') => {
      const doc = await buildDocument(db, w.dakar, { kind: 'action_plan', title })
      await db.query(`update documents set due_on = $2::date, stage = $3 where id = $1`, [doc.id, day(offset), stage])
      return doc
    }
    await due('Plan dans une semaine', 7)
    await due('Plan pour demain', 1)
    await due('Plan en retard', -2)
    await due('Plan déjà soumis', 1, 'submitted')
    await due('Plan pour plus tard', 3)
    expect(await remindDueDates({ db, mail }, day(0))).toBe(3)
    // Run again, as every instance does each hour: nothing more.
    expect(await remindDueDates({ db, mail }, day(0))).toBe(0)
    mail.nudge()
    const subjects = () =>
      smtp
        .to(w.pilot.email)
        .map((m) => m.subject)
        .sort()
    await expect
      .poll(subjects)
      .toEqual([
        fr('« Plan dans une semaine » est attendu dans 7 jours'),
        fr('« Plan en retard » était attendu le 8 mars 2027'),
        fr('« Plan pour demain » est attendu demain'),
      ])
    expect(smtp.to(w.pilot.email).find((m) => m.subject?.includes('demain'))!.text).toContain(
      fr('« Plan pour demain » (Dakar) est attendu pour le 11 mars 2027.'),
    )
    expect(smtp.to(w.funder.email)).toEqual([])
  })

  it('those taking part in a workshop get it as a calendar event: invited, updated when it moves, cancelled when removed', async () => {
    const w = await world()
    const secretariat = await signIn(app, w.secretariat)
    const created = await secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, {
      title: 'Atelier de Dakar',
      startsOn: '2027-03-09',
      endsOn: '2027-03-11',
      place: 'Dakar',
      objectives: [],
    })
    const participants = `/api/workshops/${created.body.id}/participants`
    const guest = `guest.${Date.now()}@example.org`
    const added = await secretariat.post<WorkshopView>(participants, { kind: 'international_expert', funded: false, name: 'Inès Invitée', email: guest })
    expect(added.status).toBe(201)
    // An account's participant is mailed at its own address, in its language.
    await db.query(`update users set locale = 'es' where id = $1`, [w.funder.id])
    expect((await secretariat.post(participants, { kind: 'local_expert', funded: false, userId: w.funder.id })).status).toBe(201)

    const events = (address: string) =>
      smtp.to(address).map((m) => {
        const part = m.attachments.find((a) => a.contentType.startsWith('text/calendar'))!
        const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')))
        const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
        return {
          subject: m.subject,
          method: calendar.getFirstPropertyValue('method'),
          uid: event.uid,
          sequence: event.sequence,
          start: event.startDate.toString(),
          end: event.endDate.toString(),
          location: event.location,
          summary: event.summary,
        }
      })
    const uid = `workshop-${created.body.id}@atelier`
    await expect
      .poll(() => events(guest))
      .toEqual([
        {
          subject: 'Invitation\u00a0: Atelier de Dakar',
          method: 'REQUEST',
          uid,
          sequence: 0,
          start: '2027-03-09',
          end: '2027-03-12',
          location: 'Dakar',
          summary: 'Atelier de Dakar',
        },
      ])
    await expect.poll(() => events(w.funder.email).map((e) => e.subject)).toEqual(['Invitación: Atelier de Dakar'])

    // It moves: the same event, a new revision, for everyone taking part.
    const moved = await secretariat.patch(`/api/workshops/${created.body.id}`, {
      title: 'Atelier de Dakar',
      startsOn: '2027-03-16',
      endsOn: '2027-03-18',
      place: 'Saint-Louis',
      objectives: [],
    })
    expect(moved.status).toBe(200)
    await expect.poll(() => events(guest).length).toBe(2)
    expect(events(guest)[1]).toEqual({
      subject: 'Modifié\u00a0: Atelier de Dakar',
      method: 'REQUEST',
      uid,
      sequence: 1,
      start: '2027-03-16',
      end: '2027-03-19',
      location: 'Saint-Louis',
      summary: 'Atelier de Dakar',
    })
    await expect.poll(() => events(w.funder.email).length).toBe(2)
    // A change of title alone does not move anyone's calendar.
    expect(
      (
        await secretariat.patch(`/api/workshops/${created.body.id}`, {
          title: 'Atelier de Dakar (2)',
          startsOn: '2027-03-16',
          endsOn: '2027-03-18',
          place: 'Saint-Louis',
          objectives: [],
        })
      ).status,
    ).toBe(200)

    // Removed: the event is cancelled in their calendar.
    const id = added.body.participants.find((p) => p.name === 'Inès Invitée')!.id
    expect((await secretariat.delete(`${participants}/${id}`)).status).toBe(204)
    await expect.poll(() => events(guest).length).toBe(3)
    expect(events(guest)[2]).toMatchObject({ subject: 'Annulé pour vous\u00a0: Atelier de Dakar (2)', method: 'CANCEL', uid, sequence: 1 })
    expect(events(w.funder.email)).toHaveLength(2)
  })

  it('each person chooses per topic: a daily digest at their morning gathers what waited; one click in a mail stops a topic', async () => {
    const w = await world()
    const plan = await buildDocument(db, w.dakar, { title: 'Plan d’action de Dakar' })
    const secretariat = await signIn(app, w.secretariat)
    const pilot = await signIn(app, w.pilot)
    expect((await pilot.get<MailPreferences>('/api/me/mail')).body).toEqual({
      enabled: true,
      timeZone: 'UTC',
      topics: { mention: 'now', reply: 'now', workflow: 'now', due: 'now', workshop: 'now' },
    })
    const chosen = await pilot.put<MailPreferences>('/api/me/mail', { timeZone: 'Africa/Dakar', topics: { mention: 'daily' } })
    expect(chosen.body).toMatchObject({ timeZone: 'Africa/Dakar', topics: { mention: 'daily', reply: 'now' } })
    expect((await pilot.put('/api/me/mail', { timeZone: 'Mars/Olympus' })).status).toBe(400)
    // Known to the runtime, not to the database: refused too, or every digest query would fail on it.
    expect((await pilot.put('/api/me/mail', { timeZone: 'SystemV/AST4' })).status).toBe(400)
    expect((await pilot.put('/api/me/mail', { topics: { mention: 'hourly' } })).status).toBe(400)
    expect((await app.client().get('/api/me/mail')).status).toBe(401)

    const mention = async (body: string) => {
      const res = await secretariat.post<ThreadView>(`/api/documents/${plan.id}/comments`, {
        anchor: await anchorIn(db, plan.id),
        body,
        mentions: [w.pilot.id],
      })
      expect(res.status).toBe(201)
      return res.body.id
    }
    const first = await mention('Pouvez-vous relire la section 2 ?')
    const second = await mention('Et le budget ?')
    // A third, on the network's sheet, which Dakar stops reading before the morning: it is left out.
    const sheet = await buildDocument(db, w.network, { title: 'Fiche du réseau' })
    const aside = await secretariat.post(`/api/documents/${sheet.id}/comments`, {
      anchor: await anchorIn(db, sheet.id),
      body: 'Et ici ?',
      mentions: [w.pilot.id],
    })
    expect(aside.status).toBe(201)
    const waiting = async () => (await db.query<{ n: number }>('select count(*)::int as n from mail_digest_items where user_id = $1', [w.pilot.id]))[0]!.n
    expect(await waiting()).toBe(3)
    await db.query('update memberships set left_at = now() where city_id = $1', [w.dakar.id])
    // 06:30 in Dakar (UTC+0): not yet their morning.
    expect(await sendDigests({ db, mail }, new Date('2027-03-10T06:30:00Z'))).toBe(0)
    expect(await sendDigests({ db, mail }, new Date('2027-03-10T08:05:00Z'))).toBe(1)
    expect(await sendDigests({ db, mail }, new Date('2027-03-10T09:05:00Z'))).toBe(0)
    await db.query('update memberships set left_at = null where city_id = $1', [w.dakar.id])
    mail.nudge()
    await expect.poll(() => smtp.to(w.pilot.email).map((m) => m.subject)).toEqual(['Atelier\u00a0: 2 nouveautés'])
    const digest = smtp.to(w.pilot.email)[0]!
    expect(digest.text).toContain(fr('• Claire Secrétariat vous a mentionné·e dans « Plan d’action de Dakar »'))
    expect(digest.text).toContain(fr('Pouvez-vous relire la section 2 ?'))
    expect(digest.text).toContain(`${ORIGIN}/documents/${plan.id}?thread=${first}`)
    expect(digest.text).toContain(`${ORIGIN}/documents/${plan.id}?thread=${second}`)
    expect(digest.text).not.toContain('Fiche du réseau')
    expect(await waiting()).toBe(0)

    // Replies still come at once, each with the line and the header that stop them.
    expect((await pilot.post(`/api/documents/${plan.id}/comments/${first}/replies`, { body: 'C’est fait.' })).status).toBe(201)
    expect((await secretariat.post(`/api/documents/${plan.id}/comments/${first}/replies`, { body: 'Merci !' })).status).toBe(201)
    const replies = () => smtp.to(w.pilot.email).filter((m) => m.subject?.includes('a répondu'))
    await expect.poll(() => replies().length).toBe(1)
    const oneClick = /<([^>]+)>/.exec(replies()[0]!.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!
    expect(oneClick).toMatch(new RegExp(`^${ORIGIN}/mail/unsubscribe/[A-Za-z0-9_-]+/reply$`))
    expect(replies()[0]!.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toContain('List-Unsubscribe=One-Click')
    expect(replies()[0]!.text).toContain('Ne plus recevoir de courriels pour les réponses')
    // The mail client's one click: a form post, no session, no page.
    const posted = await app.app.request(oneClick.slice(ORIGIN.length), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(posted.status).toBe(200)
    expect((await pilot.get<MailPreferences>('/api/me/mail')).body.topics.reply).toBe('never')
    expect((await app.app.request('/mail/unsubscribe/not-a-real-token-at-all-xx/reply', { method: 'POST' })).status).toBe(404)
    expect((await app.client().post('/api/mail/unsubscribe', { token: 'x', topic: 'reply' })).status).toBe(400)
    expect((await app.client().post('/api/mail/unsubscribe', { token: 'a'.repeat(32), topic: 'reply' })).status).toBe(404)
    // No more replies by mail; they stay in the app's inbox.
    expect((await secretariat.post(`/api/documents/${plan.id}/comments/${first}/replies`, { body: 'Noté.' })).status).toBe(201)
    expect((await secretariat.post('/api/password-resets', { email: w.pilot.email })).status).toBe(202)
    await expect.poll(() => smtp.to(w.pilot.email).filter((m) => m.subject === 'Réinitialiser votre mot de passe Atelier').length).toBe(1)
    expect(replies()).toHaveLength(1)
  })

  it('a mail server outage delays mail: it is tried again, arrives exactly once, and the outbox shows why it waited', async () => {
    const w = await world()
    const secretariat = await signIn(app, w.secretariat)
    await smtp.down()
    try {
      expect((await app.client().post('/api/password-resets', { email: w.funder.email })).status).toBe(202)
      // Waiting, with the reason: the mail server refused the connection.
      await expect
        .poll(async () => (await outbox(secretariat, w.network.id)).body.mails.find((m) => m.to === w.funder.email), { timeout: 10_000 })
        .toMatchObject({ status: 'pending', lastError: expect.stringMatching(/ECONNREFUSED|connect/i) })
      const attempts = (await outbox(secretariat, w.network.id)).body.mails.find((m) => m.to === w.funder.email)!.attempts
      await expect
        .poll(async () => (await outbox(secretariat, w.network.id)).body.mails.find((m) => m.to === w.funder.email)!.attempts)
        .toBeGreaterThan(attempts)
    } finally {
      await smtp.up()
    }
    await expect.poll(() => smtp.to(w.funder.email).length, { timeout: 10_000 }).toBe(1)
    await expect.poll(async () => (await outbox(secretariat, w.network.id)).body.mails.find((m) => m.to === w.funder.email)!.status).toBe('sent')
    // Sent mail stays sent: another mail goes through after it, and this one is not sent again.
    expect((await app.client().post('/api/password-resets', { email: w.secretariat.email })).status).toBe(202)
    await expect.poll(() => smtp.to(w.secretariat.email).length).toBe(1)
    expect(smtp.to(w.funder.email)).toHaveLength(1)
  })

  it('a person gets at most three reset mails an hour, however often it is asked, even all at once; the outbox says why the others never left', async () => {
    const w = await world()
    const asks = Array.from({ length: 6 }, () => app.client().post('/api/password-resets', { email: w.funder.email }))
    for (const res of await Promise.all(asks)) expect(res.status).toBe(202)
    await mail.settled()
    const rows = await db.query<{ status: string; lastError: string | null }>(
      `select status, last_error as "lastError" from mail_outbox where to_address = $1 order by status`,
      [w.funder.email],
    )
    expect(rows.filter((r) => r.status !== 'failed')).toHaveLength(3)
    expect(rows.filter((r) => r.status === 'failed').map((r) => r.lastError)).toEqual(
      Array(3).fill(`Not sent: ${w.funder.email} already had 3 such mails this hour`),
    )
  })

  it('a worker whose claim on a mail ran out records nothing over the worker that took it next', async () => {
    const w = await world()
    await mail.stop()
    try {
      // Earlier tests' mails still waiting are put aside: this one is the only one due.
      await db.query(`update mail_outbox set next_attempt_at = now() + interval '1 day' where status = 'pending'`)
      await queueMail(db, { kind: 'mention', recipientId: w.pilot.id, to: w.pilot.email, subject: 'S', text: 't', html: 'h', networkIds: [] })
      const [first] = await claimDueMail(db, 1, 0)
      const [second] = await claimDueMail(db, 1, 60_000)
      expect(second!.id).toBe(first!.id)
      await markSent(db, first!)
      await markAttemptFailed(db, first!, 'late', 1)
      const status = async () => (await db.query<{ status: string }>('select status from mail_outbox where id = $1', [first!.id]))[0]!.status
      expect(await status()).toBe('pending')
      await markSent(db, second!)
      expect(await status()).toBe('sent')
      await markAttemptFailed(db, second!, 'late', 1)
      expect(await status()).toBe('sent')
    } finally {
      mail.start()
    }
  })

  it('an inviter mails at most 30 invitations an hour; past that, links are only handed back', async () => {
    const w = await world()
    const pilot = await signIn(app, w.pilot)
    const mailed: (string | null | undefined)[] = []
    for (let i = 0; i <= MAILED_INVITATIONS_PER_HOUR; i++) {
      const res = await pilot.post<LinkResponse>('/api/invitations', { role: 'city_team', space: w.dakar, email: `flood.${i}.${Date.now()}@example.org` })
      expect(res.status).toBe(201)
      mailed.push(res.body.mailedTo)
    }
    expect(mailed.filter(Boolean)).toHaveLength(MAILED_INVITATIONS_PER_HOUR)
    expect(mailed.at(-1)).toBeNull()
  })

  it('only the network’s secretariat reads its outbox', async () => {
    const w = await world()
    const secretariat = await signIn(app, w.secretariat)
    expect((await secretariat.post('/api/password-resets', { email: w.pilot.email })).status).toBe(202)
    await mail.settled()
    const list = await outbox(secretariat, w.network.id)
    expect(list.status).toBe(200)
    expect(list.body.enabled).toBe(true)
    expect(list.body.mails.map((m) => [m.kind, m.to, m.recipientName])).toEqual([['password_reset', w.pilot.email, 'Aminata Diallo']])
    for (const person of [w.pilot, w.funder]) expect((await outbox(await signIn(app, person), w.network.id)).status).toBe(403)
    const elsewhere = await buildPerson(db, 'Olga Autre', [{ role: 'secretariat', on: await buildNetwork(db, 'Autre réseau') }])
    expect((await outbox(await signIn(app, elsewhere), w.network.id)).status).toBe(403)
    expect((await outbox(app.client(), w.network.id)).status).toBe(401)
  })
})

describe.each(DRIVERS)('without SMTP_URL, on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
  })
  afterAll(async () => {
    await app.deps.hub.shutdown()
    await db.drop()
  })

  it('nothing is queued: links are handed back to copy, and the sign-in page is told there is no mail', async () => {
    const network = await buildNetwork(db)
    const secretariat = await buildPerson(db, 'Sam Sec', [{ role: 'secretariat', on: network }])
    const client = await signIn(app, secretariat)
    expect((await app.client().get<SetupStatus>('/api/setup')).body.mail).toBe(false)
    expect((await app.client().post('/api/password-resets', { email: secretariat.email })).status).toBe(202)
    await app.deps.mail.settled()
    const invitation = await client.post<LinkResponse>('/api/invitations', { role: 'expert', expertKind: 'local', space: network, email: 'x@example.org' })
    expect([invitation.status, invitation.body.mailedTo]).toEqual([201, null])
    expect((await client.get<OutboxList>(`/api/networks/${network.id}/outbox`)).body).toEqual({ enabled: false, mails: [] })
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from mail_outbox')
    expect(row!.n).toBe(0)
  })
})
