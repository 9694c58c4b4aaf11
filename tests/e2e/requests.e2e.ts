import { expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import * as decoding from 'lib0/decoding'
import { MESSAGE_COMMENTS } from '../../shared/collab'
import { readCommentsChanged } from '../../shared/comments-message'
import { newContext, openDocument, type AppServer } from './harness'
import { type World, setUpBrowserWorld } from './world'

/**
 * On a slow line every request costs a round trip: opening a document from the home screen asks
 * for each thing once. The threads are asked for once the socket has subscribed to their
 * changes (so none is missed, and none is asked for twice); the notifications the home screen
 * just fetched are not fetched again.
 */
let browser: Browser
let server: AppServer
let world: World

setUpBrowserWorld((setting) => ({ browser, server, world } = setting))

const isSubscribed = (payload: string | Buffer) => {
  if (typeof payload === 'string') return false
  const decoder = decoding.createDecoder(new Uint8Array(payload))
  return decoding.readVarUint(decoder) === MESSAGE_COMMENTS && readCommentsChanged(decoder).change === 'subscribed'
}

it('opening a document from the home screen asks for its threads and the notifications once each', async () => {
  const context = await newContext(browser)
  onTestFinished(() => context.close())
  const page = await context.newPage()
  const events: string[] = []
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (r.method() === 'GET' && path.startsWith('/api/')) events.push(path.replace(/[0-9a-f-]{36}/, ':id'))
  })
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => isSubscribed(payload) && events.push('subscribed')))
  const count = (path: string) => events.filter((e) => e === path).length
  const person = world.people.pilot
  await page.goto(`${server.url}/signin`)
  await page.getByLabel('Adresse e-mail').fill(person.email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(person.password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect.poll(() => count('/api/notifications')).toBe(1)
  events.length = 0

  const threads = page.waitForResponse((r) => r.url().endsWith(`/api/documents/${world.documents.plan.id}/comments`))
  await openDocument(page, world.documents.plan.title)
  expect((await threads).status()).toBe(200)
  await page
    .getByText(/^Aucun commentaire/)
    .first()
    .waitFor()
  // A saved edit comes after everything the opening set off.
  await page.locator('.editor-prose p').first().click()
  await page.keyboard.type('Relu.')
  await page.locator('.editor-status[data-status="saved"]').waitFor()

  expect(count('/api/documents/:id/comments')).toBe(1)
  expect(events.indexOf('subscribed')).toBeGreaterThan(-1)
  expect(events.indexOf('/api/documents/:id/comments')).toBeGreaterThan(events.indexOf('subscribed'))
  expect(count('/api/notifications')).toBe(0)
  expect(count('/api/documents/:id')).toBe(1)
})
