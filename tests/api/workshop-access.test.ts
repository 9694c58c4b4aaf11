import { describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens'
import type {
  DocumentSummary,
  InvitationView,
  LinkResponse,
  MeResponse,
  MentionableList,
  NotificationList,
  ThreadView,
  WorkshopList,
  WorkshopView,
} from '../../shared/api'
import type { ApiErrorBody } from '../../shared/errors'
import type { Client } from '../helpers/app'
import { anchorIn } from '../helpers/comments'
import { DRIVERS } from '../helpers/db'
import { useTestApp } from '../helpers/test-app'
import { buildNetwork, buildPerson, buildWorld, signIn, signInAll, PASSWORD } from '../helpers/world'

const tokenOf = (url: string) => url.split('/').pop()!
const DOCUMENT_RIGHTS = ['read', 'comment', 'suggest', 'write']

/**
 * Who may read and write a workshop's documents: those taking part (a member city's team through
 * its representative, a guest invited by link) co-write its agenda and deliverables and do
 * nothing more; everyone else keeps their role's rights.
 */
describe.each(DRIVERS)('taking part in a workshop, on %s', (driver) => {
  const t = useTestApp(driver)

  const WORKSHOP = { title: 'Atelier de Dakar', startsOn: '2027-03-09', endsOn: '2027-03-11', place: 'Dakar', objectives: [] }

  async function world() {
    const w = await buildWorld(t.db)
    const as = await signInAll(t.app, w.people)
    const workshop = (await as.secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, WORKSHOP)).body
    return { ...w, as, workshop, participants: `/api/workshops/${workshop.id}/participants` }
  }
  type Built = Awaited<ReturnType<typeof world>>

  /** What each document of the workshop allows the caller, as the workshop's screen gives it. */
  const rightsOn = async (client: Client, workshopId: string) => {
    const res = await client.get<WorkshopView>(`/api/workshops/${workshopId}`)
    expect(res.status).toBe(200)
    return [res.body.agenda, ...res.body.deliverables].map((d: DocumentSummary) => d.allowed.filter((a) => DOCUMENT_RIGHTS.includes(a)))
  }

  /** A guest added by name, with a link the secretariat made for them. */
  async function invitedGuest(w: Built, name = 'Grace Guest') {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.org`
    const added = await w.as.secretariat.post<WorkshopView>(w.participants, { kind: 'international_expert', funded: false, name, email })
    expect(added.status).toBe(201)
    const participant = added.body.participants.find((p) => p.name === name)!
    const link = await w.as.secretariat.post<LinkResponse>(`${w.participants}/${participant.id}/invitation`, {})
    expect(link.status).toBe(201)
    return { participant, email, link: link.body, token: tokenOf(link.body.url) }
  }

  async function acceptAsNewAccount(token: string, name: string, email: string): Promise<{ client: Client; me: MeResponse }> {
    const client = t.app.client()
    const res = await client.post<MeResponse>(`/api/invitations/${token}/accept`, { name, email, password: PASSWORD })
    expect(res.status).toBe(200)
    return { client, me: res.body }
  }

  it('a member city taking part writes the workshop’s documents, but does not rename them; a member city not taking part only comments', async () => {
    const w = await world()
    expect(
      (await w.as.secretariat.post(w.participants, { kind: 'city_representative', funded: false, name: 'Max Member', cityId: w.cities.member.id })).status,
    ).toBe(201)
    expect(await rightsOn(w.as.member, w.workshop.id)).toEqual(Array(5).fill(DOCUMENT_RIGHTS))
    expect(await rightsOn(w.as.other, w.workshop.id)).toEqual(Array(5).fill(['read', 'comment', 'suggest']))
    const deliverable = w.workshop.deliverables[0]!
    // Renaming and the steps of the cycle stay with the network's roles.
    expect((await w.as.member.patch(`/api/documents/${deliverable.id}`, { title: 'Renommé' })).status).toBe(403)
    expect((await w.as.member.get<DocumentSummary>(`/api/documents/${deliverable.id}`)).body.allowed).toEqual(['read', 'comment', 'suggest', 'write'])
    // The network's other documents are as before.
    expect((await w.as.member.get<DocumentSummary>(`/api/documents/${w.documents.network.id}`)).body.allowed).toEqual(['read', 'comment', 'suggest'])
    expect((await w.as.secretariat.get<DocumentSummary>(`/api/documents/${deliverable.id}`)).body.title).toBe(deliverable.title)
  })

  it('a guest invited by link accepts, reads and writes the workshop’s documents, and nothing else', async () => {
    const w = await world()
    const other = (await w.as.secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, { ...WORKSHOP, title: 'Autre atelier' })).body
    const { participant, email, token, link } = await invitedGuest(w)
    expect(new Date(link.expiresAt).getTime()).toBeGreaterThan(Date.now())

    const view = await t.app.client().get<InvitationView>(`/api/invitations/${token}`)
    expect(view.status).toBe(200)
    expect(view.body).toMatchObject({
      role: null,
      expertKind: null,
      email,
      invitedBy: 'Sam Secretariat',
      workshop: { id: w.workshop.id, title: 'Atelier de Dakar', startsOn: '2027-03-09', endsOn: '2027-03-11', place: 'Dakar' },
    })

    const { client: guest, me } = await acceptAsNewAccount(token, 'Grace Guest', email)
    // No role anywhere: only the workshop.
    expect([me.networks, me.cities, me.actor.grants, me.actor.workshops]).toEqual([[], [], [], [w.workshop.id]])
    const seen = (await guest.get<WorkshopView>(`/api/workshops/${w.workshop.id}`)).body
    expect(seen.participants.find((p) => p.id === participant.id)?.userId).toBe(me.user.id)
    expect(seen.allowed).toEqual({ organise: false, manageParticipants: false })
    expect(await rightsOn(guest, w.workshop.id)).toEqual(Array(5).fill(DOCUMENT_RIGHTS))
    expect((await guest.get<WorkshopList>('/api/workshops')).body.workshops.map((x) => x.id)).toEqual([w.workshop.id])
    const deliverable = w.workshop.deliverables[1]!
    expect((await guest.get(`/api/documents/${deliverable.id}`)).status).toBe(200)
    expect((await guest.post(`/api/documents/${deliverable.id}/collab-token`, {})).status).toBe(201)

    // Everything else is refused.
    const refused: [string, Promise<{ status: number }>][] = [
      ['the network', guest.get(`/api/networks/${w.network.id}`)],
      ['the network’s workshops', guest.get(`/api/networks/${w.network.id}/workshops`)],
      ['another workshop', guest.get(`/api/workshops/${other.id}`)],
      ['another workshop’s deliverable', guest.get(`/api/documents/${other.deliverables[0]!.id}`)],
      ['the network’s document', guest.get(`/api/documents/${w.documents.network.id}`)],
      ['a city’s document', guest.get(`/api/documents/${w.documents.city.id}`)],
      ['renaming', guest.patch(`/api/documents/${deliverable.id}`, { title: 'Renommé' })],
      ['archiving', guest.post(`/api/documents/${deliverable.id}/archive`)],
      ['creating a document', guest.post('/api/documents', { space: w.network, kind: 'thematic_sheet', title: 'Nouveau' })],
      ['adding a participant', guest.post(w.participants, { kind: 'local_expert', funded: false, name: 'Ami' })],
      ['making a guest link', guest.post(`${w.participants}/${participant.id}/invitation`, {})],
    ]
    for (const [what, res] of refused) expect((await res).status, what).toBe(403)
    expect((await guest.get<DocumentSummary[]>('/api/documents')).body).toEqual([])
  })

  it('those taking part comment on the workshop’s documents, are mentioned in them and notified; not on the network’s others', async () => {
    const w = await world()
    const { email, token } = await invitedGuest(w, 'Mona Mentioned')
    const { client: guest, me } = await acceptAsNewAccount(token, 'Mona Mentioned', email)
    const agenda = w.workshop.agenda.id
    const mentionable = (await w.as.secretariat.get<MentionableList>(`/api/documents/${agenda}/mentionable`)).body.people.map((p) => p.name)
    expect(mentionable).toContain('Mona Mentioned')
    expect((await w.as.secretariat.get<MentionableList>(`/api/documents/${w.documents.network.id}/mentionable`)).body.people.map((p) => p.name)).not.toContain(
      'Mona Mentioned',
    )
    const thread = await w.as.secretariat.post<ThreadView>(`/api/documents/${agenda}/comments`, {
      anchor: await anchorIn(t.db, agenda),
      body: 'Mona, pouvez-vous compléter ?',
      mentions: [me.user.id],
    })
    expect(thread.status).toBe(201)
    expect((await guest.get<NotificationList>('/api/notifications')).body.notifications.map((n) => n.threadId)).toEqual([thread.body.id])
    const reply = await guest.post(`/api/documents/${agenda}/comments/${thread.body.id}/replies`, { body: 'Oui, c’est fait.' })
    expect(reply.status).toBe(201)
    // Not on the network's other documents.
    const elsewhere = await w.as.secretariat.post<ApiErrorBody>(`/api/documents/${w.documents.network.id}/comments`, {
      anchor: await anchorIn(t.db, w.documents.network.id),
      body: 'Et ici ?',
      mentions: [me.user.id],
    })
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([422, 'invalid_mention'])
    // Once they no longer take part, the workshop's notices leave their inbox with their rights.
    const seen = (await w.as.secretariat.get<WorkshopView>(`/api/workshops/${w.workshop.id}`)).body
    expect((await w.as.secretariat.delete(`${w.participants}/${seen.participants.find((p) => p.userId === me.user.id)!.id}`)).status).toBe(204)
    expect((await guest.get<NotificationList>('/api/notifications')).body).toEqual({ notifications: [], unread: 0 })
  })

  it('a guest meets the workshop’s people and the secretariat, not the whole network: in the mention list and in mentions', async () => {
    const w = await world()
    const rep = { kind: 'city_representative', funded: false, name: 'Max Member', cityId: w.cities.member.id }
    expect((await w.as.secretariat.post(w.participants, rep)).status).toBe(201)
    const { email, token } = await invitedGuest(w, 'Gil Guest')
    const { client: guest } = await acceptAsNewAccount(token, 'Gil Guest', email)
    const agenda = w.workshop.agenda.id
    const names = async (client: Client) => (await client.get<MentionableList>(`/api/documents/${agenda}/mentionable`)).body.people.map((p) => p.name)
    expect(await names(guest)).toEqual(['Max Member', 'Sam Secretariat'])
    // Those reading through a role in the network meet all its readers, the guest among them.
    expect(await names(w.as.pilot)).toEqual(expect.arrayContaining(['Gil Guest', 'Max Member', 'Eva Expert', 'Fred Funder', 'Sam Secretariat']))
    const mention = (ids: string[]) =>
      anchorIn(t.db, agenda).then((anchor) => guest.post<ApiErrorBody>(`/api/documents/${agenda}/comments`, { anchor, body: 'Un avis ?', mentions: ids }))
    const refused = await mention([w.people.pilot.id])
    expect([refused.status, refused.body.error.code]).toEqual([422, 'invalid_mention'])
    expect((await mention([w.people.member.id, w.people.secretariat.id])).status).toBe(201)
  })

  it('a link works once and not after it expires; a participant with an account needs none', async () => {
    const w = await world()
    const first = await invitedGuest(w, 'Una Once')
    await acceptAsNewAccount(first.token, 'Una Once', first.email)
    const again = await t.app
      .client()
      .post<ApiErrorBody>(`/api/invitations/${first.token}/accept`, { name: 'Eve', email: 'eve-once@example.org', password: PASSWORD })
    expect([again.status, again.body.error.code]).toEqual([409, 'link_used'])
    // Accepted now, the participant has an account: a new link is refused.
    const linked = await w.as.secretariat.post<ApiErrorBody>(`${w.participants}/${first.participant.id}/invitation`, {})
    expect([linked.status, linked.body.error.message]).toEqual([409, expect.stringContaining('already has an account')])

    const late = await invitedGuest(w, 'Lea Late')
    await t.db.query(`update invitations set expires_at = now() - interval '1 second' where token_hash = $1`, [hashToken(late.token)])
    const expired = await t.app
      .client()
      .post<ApiErrorBody>(`/api/invitations/${late.token}/accept`, { name: 'Lea Late', email: late.email, password: PASSWORD })
    expect([expired.status, expired.body.error.code]).toEqual([410, 'link_expired'])
    expect(await t.db.query('select 1 from users where email = $1', [late.email])).toHaveLength(0)
    expect(
      (await t.db.query<{ userId: string | null }>('select user_id as "userId" from workshop_participants where id = $1', [late.participant.id]))[0]!.userId,
    ).toBeNull()

    // Removed from the list, a participant's link goes with them.
    const removed = await invitedGuest(w, 'Remy Removed')
    expect((await w.as.secretariat.delete(`${w.participants}/${removed.participant.id}`)).status).toBe(204)
    const gone = await t.app.client().post<ApiErrorBody>(`/api/invitations/${removed.token}/accept`, { name: 'Remy', email: removed.email, password: PASSWORD })
    expect([gone.status, gone.body.error.code]).toEqual([404, 'link_invalid'])

    // Someone already on the list with their account.
    const added = await w.as.secretariat.post<WorkshopView>(w.participants, { kind: 'advisory', funded: false, userId: w.people.advisory.id })
    const advisory = added.body.participants.find((p) => p.userId === w.people.advisory.id)!
    expect((await w.as.secretariat.post(`${w.participants}/${advisory.id}/invitation`, {})).status).toBe(409)
  })

  it('a signed-in account accepts a guest link: it takes part, and gains no role', async () => {
    const w = await world()
    const elsewhere = await buildNetwork(t.db, 'Réseau voisin')
    const person = await buildPerson(t.db, 'Nadia Neighbour', [{ role: 'expert', on: elsewhere }])
    const added = await w.as.secretariat.post<WorkshopView>(w.participants, {
      kind: 'international_expert',
      funded: false,
      name: 'Nadia Neighbour',
      email: person.email,
    })
    const participant = added.body.participants.find((p) => p.name === 'Nadia Neighbour')!
    const token = tokenOf((await w.as.secretariat.post<LinkResponse>(`${w.participants}/${participant.id}/invitation`, {})).body.url)
    const client = await signIn(t.app, person)
    const res = await client.post<MeResponse>(`/api/invitations/${token}/accept`, {})
    expect(res.status).toBe(200)
    expect(res.body.networks.map((n) => n.id)).toEqual([elsewhere.id])
    expect(res.body.actor.grants.map((g) => g.role)).toEqual(['expert'])
    expect(await rightsOn(client, w.workshop.id)).toEqual(Array(5).fill(DOCUMENT_RIGHTS))
    expect((await client.get(`/api/networks/${w.network.id}`)).status).toBe(403)
  })

  it('only the secretariat makes guest links: not a city team, a funder, another network’s secretariat, nor an anonymous caller', async () => {
    const w = await world()
    const added = await w.as.secretariat.post<WorkshopView>(w.participants, { kind: 'local_expert', funded: false, name: 'Lamine Local' })
    const url = `${w.participants}/${added.body.participants[0]!.id}/invitation`
    const outsider = await signIn(t.app, await buildPerson(t.db, 'Oscar Outsider', [{ role: 'secretariat', on: await buildNetwork(t.db, 'Réseau tiers') }]))
    for (const [who, client] of [
      ['pilot city', w.as.pilot],
      ['member city', w.as.member],
      ['expert', w.as.expert],
      ['funder', w.as.funder],
      ['another network’s secretariat', outsider],
    ] as const) {
      expect((await client.post(url, {})).status, who).toBe(403)
    }
    expect((await t.app.client().post(url, {})).status).toBe(401)
    expect((await w.as.secretariat.post(`${w.participants}/00000000-0000-4000-8000-000000000000/invitation`, {})).status).toBe(404)
    expect(await t.db.query('select 1 from invitations where workshop_participant_id = $1', [added.body.participants[0]!.id])).toHaveLength(0)
  })

  it('the hostile cases: an anonymous caller sees nothing; a funder reads the workshop without writing in it; a city team not taking part only comments', async () => {
    const w = await world()
    const anonymous = t.app.client()
    expect((await anonymous.get('/api/workshops')).status).toBe(401)
    expect((await anonymous.get(`/api/workshops/${w.workshop.id}`)).status).toBe(401)
    expect((await anonymous.get(`/api/documents/${w.workshop.agenda.id}`)).status).toBe(401)
    expect(await rightsOn(w.as.funder, w.workshop.id)).toEqual(Array(5).fill(['read']))
    expect((await w.as.funder.get<WorkshopList>('/api/workshops')).body.workshops.map((x) => x.id)).toEqual([w.workshop.id])
    expect(await rightsOn(w.as.other, w.workshop.id)).toEqual(Array(5).fill(['read', 'comment', 'suggest']))
    const stranger = await signIn(t.app, await buildPerson(t.db, 'Sid Stranger'))
    expect((await stranger.get(`/api/workshops/${w.workshop.id}`)).status).toBe(403)
    expect((await stranger.get<WorkshopList>('/api/workshops')).body.workshops).toEqual([])
  })

  it('removing a participant takes their rights away at once; a city’s representative row carries the whole team', async () => {
    const w = await world()
    const { participant, email, token } = await invitedGuest(w, 'Rita Removed')
    const { client: guest } = await acceptAsNewAccount(token, 'Rita Removed', email)
    const rep = await w.as.secretariat.post<WorkshopView>(w.participants, {
      kind: 'city_representative',
      funded: false,
      name: 'Max Member',
      cityId: w.cities.member.id,
    })
    const repId = rep.body.participants.find((p) => p.kind === 'city_representative')!.id
    // A colleague of the city's team, who is not named on the list, takes part through it.
    const colleague = await signIn(t.app, await buildPerson(t.db, 'Mia Colleague', [{ role: 'city_team', on: w.cities.member }]))
    expect(await rightsOn(colleague, w.workshop.id)).toEqual(Array(5).fill(DOCUMENT_RIGHTS))

    expect((await w.as.member.delete(`${w.participants}/${participant.id}`)).status).toBe(403)
    expect((await w.as.secretariat.delete(`${w.participants}/${participant.id}`)).status).toBe(204)
    expect((await guest.get(`/api/workshops/${w.workshop.id}`)).status).toBe(403)
    expect((await guest.get(`/api/documents/${w.workshop.agenda.id}`)).status).toBe(403)
    expect((await guest.get<WorkshopList>('/api/workshops')).body.workshops).toEqual([])

    // A city that leaves the network takes its team's place in the workshop with it; coming back brings it back.
    expect((await w.as.secretariat.delete(`/api/networks/${w.network.id}/cities/${w.cities.member.id}`)).status).toBe(204)
    expect((await colleague.get(`/api/workshops/${w.workshop.id}`)).status).toBe(403)
    expect((await w.as.secretariat.post(`/api/networks/${w.network.id}/cities`, { cityId: w.cities.member.id, kind: 'member' })).status).toBe(201)
    expect(await rightsOn(colleague, w.workshop.id)).toEqual(Array(5).fill(DOCUMENT_RIGHTS))

    expect((await w.as.secretariat.delete(`${w.participants}/${repId}`)).status).toBe(204)
    expect(await rightsOn(colleague, w.workshop.id)).toEqual(Array(5).fill(['read', 'comment', 'suggest']))
    expect(await rightsOn(w.as.member, w.workshop.id)).toEqual(Array(5).fill(['read', 'comment', 'suggest']))
  })

  it('lists the workshops one takes part in or can read, soonest first', async () => {
    const w = await world()
    const today = new Date().toISOString().slice(0, 10)
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
    const create = async (title: string, start: number) =>
      (
        await w.as.secretariat.post<WorkshopView>(`/api/networks/${w.network.id}/workshops`, {
          ...WORKSHOP,
          title,
          startsOn: day(start),
          endsOn: day(start + 1),
        })
      ).body.id
    const later = await create('Plus tard', 60)
    const past = await create('Passé', -60)
    const soon = await create('Bientôt', 10)
    const older = await create('Plus ancien', -120)
    const ids = (await w.as.member.get<WorkshopList>('/api/workshops')).body.workshops.map((x) => x.id)
    // Upcoming ones by their first day, then past ones, the latest first (the world's own one is left aside: its place depends on today).
    expect(ids.filter((id) => id !== w.workshop.id)).toEqual([soon, later, past, older])
    expect(ids).toContain(w.workshop.id)
  })
})
