import * as Y from 'yjs'
import { FRAGMENT } from '../../../shared/collab'
import { Connection } from '../connection'
import type { LiveDocument, RoomExtension, RoomExtensionFactory } from '../extension'
import { MalformedUpdate } from '../update-parts'
import { checkSuggestion, type Refusal } from '../suggestions/check'

/**
 * Past this size a suggester's update is refused without being checked: the check runs on the
 * event loop and grows with what the update touches. A suggester types, or pastes a few pages;
 * 64 kB is far above a keystroke and keeps the worst check to a few milliseconds.
 */
export const MAX_SUGGESTION_BYTES = 64 * 1024

/**
 * Lets a `suggest` connection's updates into the document only when all they do is propose
 * changes of its own (the rule: suggestions/check.ts); writers' updates are never checked.
 *
 * The check needs the document as it would be after the update: a copy (the shadow), made from
 * the document at the first suggester's update and kept in step with every change since. The
 * candidate is applied to the shadow first; a refused one leaves the shadow ahead of the
 * document, so it is dropped and made again at the next suggester's update.
 */
class SuggestionGuard implements RoomExtension {
  private shadow: Y.Doc | undefined
  /** Connections refused once: whatever they sent after builds on what was refused. */
  private readonly refused = new WeakSet<Connection>()

  constructor(private readonly live: LiveDocument) {}

  admit(update: Uint8Array, origin: unknown): Refusal {
    if (!(origin instanceof Connection) || origin.access !== 'suggest') return null
    const refusal = this.refused.has(origin) ? 'an earlier change of this connection was refused' : this.check(update, origin.userId)
    if (refusal === null) return null
    this.refused.add(origin)
    return `suggestion refused: ${refusal}`
  }

  private check(update: Uint8Array, userId: string): Refusal {
    if (update.length > MAX_SUGGESTION_BYTES) return `a suggestion may be at most ${MAX_SUGGESTION_BYTES / 1024} kB at once; suggest it in smaller parts`
    if (!this.shadow) this.shadow = this.copy()
    const shadow = this.shadow
    let transaction: Y.Transaction | undefined
    try {
      shadow.transact((tr) => {
        Y.applyUpdate(shadow, update)
        transaction = tr
      })
    } catch (err) {
      this.drop()
      throw new MalformedUpdate(`the update does not apply to this document: ${(err as Error).message}`)
    }
    const refusal = checkSuggestion(this.live.doc, shadow, transaction!, userId)
    if (refusal !== null) this.drop()
    return refusal
  }

  private copy(): Y.Doc {
    const shadow = new Y.Doc()
    shadow.getXmlFragment(FRAGMENT)
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.live.doc))
    return shadow
  }

  private drop(): void {
    this.shadow?.destroy()
    this.shadow = undefined
  }

  onChange(update: Uint8Array): void {
    if (this.shadow) Y.applyUpdate(this.shadow, update)
  }

  onStop(): void {
    this.drop()
  }
}

export const suggestionGuard: RoomExtensionFactory = (live) => new SuggestionGuard(live)
