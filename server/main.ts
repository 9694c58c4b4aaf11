import { ConfigError, loadConfig, type Config } from './config'
import { startServer } from './server'

/** `npm start`: read the environment, start, and shut down cleanly on SIGTERM/SIGINT. */
async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`atelier: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const server = await startServer(config)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    server.deps.logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      server.deps.logger.error('shutdown took more than 10 s; exiting anyway')
      process.exit(1)
    }, 10_000)
    force.unref()
    await server.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((err) => {
  console.error('atelier: could not start:', err instanceof Error ? err.message : err)
  process.exit(1)
})
