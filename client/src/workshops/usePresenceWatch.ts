import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { collabUrl } from '../collab/session'
import { participantsFrom, type Participant } from '../editor/presence'

/**
 * Who has each of these documents open right now, for a screen that shows several at once (the
 * live workshop). One quiet connection per document: it publishes no presence of its own (so
 * whoever watches is not counted as writing) and keeps nothing on the device.
 */
export function usePresenceWatch(documentIds: readonly string[]): ReadonlyMap<string, Participant[]> {
  const [present, setPresent] = useState<ReadonlyMap<string, Participant[]>>(new Map())
  const key = documentIds.join(',')

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ids
  useEffect(() => {
    const watches = documentIds.map((id) => {
      const doc = new Y.Doc()
      // Not over the tabs' BroadcastChannel: presence from the person's own other tabs would come
      // unstamped by the server (no city, no role); through the server it is as others see it.
      const provider = new WebsocketProvider(collabUrl(), id, doc, { maxBackoffTime: 5000, disableBc: true })
      provider.awareness.setLocalState(null)
      const { awareness } = provider
      const onChange = () => {
        const people = participantsFrom(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID)
        setPresent((before) => new Map(before).set(id, people))
      }
      awareness.on('change', onChange)
      return () => {
        awareness.off('change', onChange)
        provider.destroy()
        doc.destroy()
      }
    })
    return () => {
      for (const stop of watches) stop()
      setPresent(new Map())
    }
  }, [key])

  return present
}
