import pino from 'pino'
import type { Config } from './config'

/** Structured JSON logs on stdout, one line per event. */
export const createLogger = (level: Config['logLevel']) => pino({ level, base: { app: 'atelier' } })
