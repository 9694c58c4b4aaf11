/** What happened that may call for the document's threads to be fetched (see useComments). */
export type CommentsEvent =
  | 'subscribed' // the server now sends this socket every thread change (on each connection)
  | 'changed' // the server says a thread changed
  | 'unreachable' // offline, or the socket failed: no subscription is coming soon
  | 'waited' // the socket took longer than we wait for it

export type CommentsFetch = 'now' | 'soon' | null

/**
 * One fetch of the thread list when a document opens, and none missed. A list fetched after the
 * socket subscribed misses nothing: later changes are announced on it. So the first fetch waits
 * for the subscription, unless the socket is not coming (offline, failing) or slow; a list
 * fetched before the subscription is fetched again once it is in place, and every
 * reconnection fetches again, since changes made meanwhile were not announced.
 */
export class CommentsFetchPlan {
  private fetched = false

  on(event: CommentsEvent): CommentsFetch {
    if (!this.fetched) {
      if (event === 'changed') return null
      this.fetched = true
      return 'now'
    }
    return event === 'subscribed' || event === 'changed' ? 'soon' : null
  }
}
