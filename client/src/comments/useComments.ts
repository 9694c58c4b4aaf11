import { useCallback, useEffect, useRef, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type { ThreadList } from '../../../shared/api'
import { MESSAGE_COMMENTS } from '../../../shared/collab'
import { encodeCommentsSubscribe, readCommentsChanged } from '../../../shared/comments-message'
import { endpoints } from '../api'
import { COMMENTS_CHANGED_EVENT } from './events'
import { CommentsFetchPlan, type CommentsEvent } from './fetch-plan'

/** WebSocket.OPEN, spelled out for the tests under Node. */
const OPEN = 1
/** Several changes in a burst (a reply and a resolve) cost one fetch. */
const REFETCH_DELAY_MS = 80
/** How long the first fetch waits for the socket to subscribe (see CommentsFetchPlan). */
const SUBSCRIBE_WAIT_MS = 5000

export type CommentsState = { list: ThreadList | null; error: unknown; reload: () => void }

/**
 * The document's threads, kept current: fetched once the socket has subscribed to their changes
 * (MESSAGE_COMMENTS, asked for on every connection), then again whenever the server says a
 * thread changed or the socket reconnects (changes made while this device was offline are
 * caught up then). CommentsFetchPlan decides when.
 */
export function useComments(documentId: string, provider: WebsocketProvider): CommentsState {
  const [list, setList] = useState<ThreadList | null>(null)
  const [error, setError] = useState<unknown>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const latest = useRef(0)

  const fetchNow = useCallback(async () => {
    const call = ++latest.current
    try {
      const fresh = await endpoints.comments(documentId)
      // An older answer arriving late must not replace a newer one.
      if (call === latest.current) {
        setList(fresh)
        setError(null)
      }
    } catch (e) {
      if (call === latest.current) setError(e)
    }
  }, [documentId])

  const reload = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void fetchNow(), REFETCH_DELAY_MS)
  }, [fetchNow])

  useEffect(() => {
    const plan = new CommentsFetchPlan()
    const act = (event: CommentsEvent) => {
      const when = plan.on(event)
      if (when === 'now') void fetchNow()
      else if (when === 'soon') reload()
    }
    const slow = setTimeout(() => act('waited'), SUBSCRIBE_WAIT_MS)
    if (!navigator.onLine) act('unreachable')
    const subscribe = () => {
      if (provider.ws?.readyState === OPEN) provider.ws.send(encodeCommentsSubscribe())
    }
    provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder) => {
      if (readCommentsChanged(decoder).change === 'subscribed') {
        clearTimeout(slow)
        act('subscribed')
      } else {
        window.dispatchEvent(new Event(COMMENTS_CHANGED_EVENT))
        act('changed')
      }
    }
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') subscribe()
    }
    const onFailure = () => act('unreachable')
    provider.on('status', onStatus)
    provider.on('connection-close', onFailure)
    provider.on('connection-error', onFailure)
    subscribe()
    return () => {
      provider.off('status', onStatus)
      provider.off('connection-close', onFailure)
      provider.off('connection-error', onFailure)
      clearTimeout(slow)
      clearTimeout(timer.current)
    }
  }, [provider, fetchNow, reload])

  return { list, error, reload }
}
