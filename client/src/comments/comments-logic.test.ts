import { describe, expect, it } from 'vitest'
import { CommentsFetchPlan, type CommentsEvent } from './fetch-plan'
import { insertMention, matchPeople, mentionedIds, mentionQueryAt, splitMentions } from './mentions'

const people = [
  { id: 'a', name: 'Éléonore Martin', city: 'Lyon' },
  { id: 'b', name: 'Koffi Kouassi', city: 'Abidjan' },
  { id: 'c', name: 'Marc Leroy', city: null },
]

describe('mentions while typing', () => {
  it('notices an @ at the start of a word, not inside an address', () => {
    expect(mentionQueryAt('Merci @Ko', 9)).toEqual({ start: 6, query: 'Ko' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('ecrire a marc@ville.fr', 22)).toBeNull()
    expect(mentionQueryAt('@Ko\nsuite', 9)).toBeNull()
  })

  it('finds people ignoring case and accents, word starts first', () => {
    expect(matchPeople(people, 'ele').map((p) => p.id)).toEqual(['a'])
    expect(matchPeople(people, 'ko').map((p) => p.id)).toEqual(['b'])
    expect(matchPeople(people, 'le').map((p) => p.id)).toEqual(['c', 'a'])
  })

  it('inserts the full name and keeps only the mentions still in the text', () => {
    const typed = 'Voir @ko avec nous'
    const q = mentionQueryAt(typed, 8)!
    const { text, caret } = insertMention(typed, 8, q, people[1]!)
    expect(text).toBe('Voir @Koffi Kouassi  avec nous')
    expect(caret).toBe('Voir @Koffi Kouassi '.length)
    expect(mentionedIds(text, [people[1]!, people[2]!])).toEqual(['b'])
    expect(mentionedIds('plus personne', [people[1]!])).toEqual([])
  })

  it('splits a body into text and mentions, the longest name first', () => {
    const parts = splitMentions('<b>Merci</b> @Koffi Kouassi !', [people[1]!])
    expect(parts).toEqual([
      { text: '<b>Merci</b> ', mention: false },
      { text: '@Koffi Kouassi', mention: true },
      { text: ' !', mention: false },
    ])
  })
})

describe('when a document’s threads are fetched', () => {
  const run = (...events: CommentsEvent[]) => {
    const plan = new CommentsFetchPlan()
    return events.map((e) => plan.on(e))
  }

  it('once, when the socket has subscribed: nothing changed before it can be missed', () => {
    expect(run('subscribed')).toEqual(['now'])
  })

  it('at once when no subscription is coming soon, and again once it comes', () => {
    expect(run('waited', 'subscribed')).toEqual(['now', 'soon'])
    expect(run('unreachable', 'unreachable', 'waited', 'subscribed')).toEqual(['now', null, null, 'soon'])
  })

  it('again on every change announced and on every reconnection', () => {
    expect(run('subscribed', 'changed', 'unreachable', 'subscribed')).toEqual(['now', 'soon', null, 'soon'])
  })
})
