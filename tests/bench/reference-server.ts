import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

/**
 * The baseline: the official y-websocket server logic (@y/websocket-server 0.1.1), in memory,
 * no auth, no persistence. Its utils.js imports y-leveldb at module load but only opens a
 * database when YPERSISTENCE is set; the bench starts this file without that variable.
 * Rooms are served under /collab/<name> so both targets take the same client URL shape.
 */
const PREFIX = '/collab/'
const wss = new WebSocketServer({ noServer: true })
// /health answers at once: the hostile-writer shape times it against Atelier's /api/health.
const server = createServer((req, res) => {
  if (req.url === '/health') res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
  else res.writeHead(404).end()
})

server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '').split('?')[0]!
  if (!path.startsWith(PREFIX) || path.length === PREFIX.length) {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
    return
  }
  const docName = decodeURIComponent(path.slice(PREFIX.length))
  wss.handleUpgrade(req, socket, head, (conn) => setupWSConnection(conn, req, { docName }))
})

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('unexpected listen address')
  // Same shape as Atelier's startup line, so the bench parses both the same way.
  console.log(JSON.stringify({ msg: 'reference is listening', url: `http://127.0.0.1:${address.port}` }))
})

process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate()
  server.close(() => process.exit(0))
})
