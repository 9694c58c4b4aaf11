import { createConnection, createServer, type Server, type Socket } from 'node:net'

/**
 * A TCP relay in front of a real server (PostgreSQL here), to take it away and give it back as a
 * restart would: `down()` cuts every connection and refuses new ones, `up()` accepts again on the
 * same port. Nothing about the server itself is touched.
 */
export class TcpProxy {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  port = 0

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server) return
    const server = createServer((client) => {
      const upstream = createConnection(this.target)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => {})
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as { port: number }).port
    this.server = server
  }

  async down(): Promise<void> {
    const server = this.server
    this.server = undefined
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The same URL, through this relay. */
  url(of: string): string {
    const url = new URL(of)
    url.host = `127.0.0.1:${this.port}`
    return url.toString()
  }
}
