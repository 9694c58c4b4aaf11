import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'

/**
 * Shares a document's updates and presence between server instances: one Redis channel per
 * document. Each message starts with the sending instance's id, so it ignores its own echo and
 * receivers know who sent what (see PeerUpdates: "stored" confirms that sender's updates).
 */
export const FANOUT_TYPES = { update: 0, awareness: 1, syncRequest: 2, comments: 3, stored: 4 } as const
export type FanoutType = keyof typeof FANOUT_TYPES
/**
 * `from`: the sending instance (hex). 'reconnected' comes from this instance's own connection:
 * Redis was out of reach and is back, so whatever peers sent meanwhile was missed.
 */
export type FanoutHandler = (type: FanoutType | 'reconnected', payload: Uint8Array, from: string) => void

export interface Fanout {
  subscribe(documentId: string, handler: FanoutHandler): Promise<void>
  /** The handler is not called any more from the moment this is called; Redis is told in the background. */
  unsubscribe(documentId: string): Promise<void>
  publish(documentId: string, type: FanoutType, payload: Uint8Array): void
  close(): Promise<void>
}

/** One instance: nothing to share. */
export const singleInstance: Fanout = {
  subscribe: async () => {},
  unsubscribe: async () => {},
  publish: () => {},
  close: async () => {},
}

const ID_BYTES = 16
const TYPE_NAMES = Object.fromEntries(Object.entries(FANOUT_TYPES).map(([k, v]) => [v, k])) as Record<number, FanoutType>
const channelOf = (documentId: string) => `atelier:doc:${documentId}`

export async function redisFanout(url: string, logger: Logger): Promise<Fanout> {
  const instance = randomBytes(ID_BYTES)
  const options = { maxRetriesPerRequest: null, lazyConnect: true }
  const pub = new Redis(url, options)
  const sub = new Redis(url, options)
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    client.on('error', (err) => logger.warn({ err: err.message, client: name }, 'redis connection problem'))
  }
  await Promise.all([pub.connect(), sub.connect()])
  const handlers = new Map<string, FanoutHandler>()
  // ioredis subscribes again by itself after a reconnection; the documents then catch up.
  sub.on('ready', () => {
    for (const handler of handlers.values()) handler('reconnected', new Uint8Array(), '')
  })
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const handler = handlers.get(channel.toString())
    if (!handler || message.length <= ID_BYTES) return
    if (message.subarray(0, ID_BYTES).equals(instance)) return
    const type = TYPE_NAMES[message[ID_BYTES]!]
    if (type) handler(type, new Uint8Array(message.subarray(ID_BYTES + 1)), message.subarray(0, ID_BYTES).toString('hex'))
  })
  return {
    async subscribe(documentId, handler) {
      handlers.set(channelOf(documentId), handler)
      await sub.subscribe(channelOf(documentId))
    },
    async unsubscribe(documentId) {
      handlers.delete(channelOf(documentId))
      await sub.unsubscribe(channelOf(documentId))
    },
    publish(documentId, type, payload) {
      const message = Buffer.concat([instance, Buffer.of(FANOUT_TYPES[type]), payload])
      pub.publish(channelOf(documentId), message).catch((err) => logger.warn({ err: err.message, documentId }, 'could not publish to redis'))
    },
    async close() {
      handlers.clear()
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
