import * as Y from 'yjs'
import { FRAGMENT, SUGGESTION_TOO_LARGE } from '../../../shared/collab'
import { Connection } from '../connection'
import { type LiveDocument, type RoomExtension, type RoomExtensionFactory, TRY_LATER } from '../extension'
import { MalformedUpdate } from '../update-parts'
import { checkSuggestion, type Refusal } from '../suggestions/check'

/**
 * Past this size a suggester's update is refused without being checked: the check runs on the
 * event loop and grows with what the update touches. A suggester types, or pastes a few pages;
 * 64 kB is far above a keystroke and keeps the worst check to a few milliseconds.
 */
export const MAX_SUGGESTION_BYTES = 64 * 1024

/**
 * Making the shadow copies the whole document on the event loop (a 1.5 MB document: a few
 * hundred milliseconds on a busy machine). After making one, the next waits this many times as
 * long, so that refused updates (each drops the shadow) cannot spend more than a tenth of the
 * event loop copying; meanwhile suggesters are asked to try again later (1013, nothing lost).
 */
const REBUILD_PAUSE_FACTOR = 9

/** An update carrying nothing (what a client sends when it has nothing the server lacks). */
const isEmpty = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0

/**
 * Lets a `suggest` connection's updates into the document only when all they do is propose
 * changes of its own (the rule: suggestions/check.ts); writers' updates are never checked.
 *
 * The check needs the document as it would be after the update: a copy (the shadow), made from
 * the document at the first suggester's update and kept in step with every change since. The
 * candidate is applied to the shadow first; a refused one leaves the shadow ahead of the
 * document (undoing it would leave its items there, and the same update sent again would then
 * look like no change), so it is dropped and made again at the next suggester's update.
 */
class SuggestionGuard implements RoomExtension {
  private shadow: Y.Doc | undefined
  /** Connections refused once: whatever they sent after builds on what was refused. */
  private readonly refused = new WeakSet<Connection>()
  private nextCopyAt = 0

  constructor(
    private readonly live: LiveDocument,
    private readonly now: () => number,
  ) {}

  admit(update: Uint8Array, origin: unknown): Refusal | typeof TRY_LATER {
    if (!(origin instanceof Connection) || origin.access !== 'suggest' || isEmpty(update)) return null
    if (this.refused.has(origin)) return 'suggestion refused: an earlier change of this connection was refused'
    if (update.length > MAX_SUGGESTION_BYTES) {
      this.refused.add(origin)
      return `${SUGGESTION_TOO_LARGE}: a suggestion may be at most ${MAX_SUGGESTION_BYTES / 1024} kB at once; suggest it in smaller parts`
    }
    if (!this.shadow) {
      if (this.now() < this.nextCopyAt) return TRY_LATER
      const started = this.now()
      this.shadow = this.copy()
      const took = this.now() - started
      this.nextCopyAt = started + took * (1 + REBUILD_PAUSE_FACTOR)
    }
    const refusal = this.check(this.shadow, update, origin.userId)
    return refusal === null ? null : this.refuse(origin, refusal)
  }

  private refuse(origin: Connection, reason: string): string {
    this.refused.add(origin)
    return `suggestion refused: ${reason}`
  }

  private check(shadow: Y.Doc, update: Uint8Array, userId: string): Refusal {
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
    let refusal: Refusal
    try {
      refusal = checkSuggestion(this.live.doc, shadow, transaction!, userId)
    } catch (err) {
      // The shadow holds the update, which the document will not: kept, it would let the same
      // changes in unchecked when sent again with anything else (they would change nothing here).
      this.drop()
      throw err
    }
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

/** `now` is performance.now but for tests of the copying budget. */
export const suggestionGuardWith =
  (now: () => number): RoomExtensionFactory =>
  (live) =>
    new SuggestionGuard(live, now)

export const suggestionGuard: RoomExtensionFactory = suggestionGuardWith(() => performance.now())
