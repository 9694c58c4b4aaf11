import { z } from 'zod'

// The browser's Content-Security-Policy forbids eval. Zod would otherwise call `Function('')`
// once, as its first object schema is built, to see whether it may compile its parsers, and the
// browser reports that try as a violation. Set here, before any schema exists, because bundlers
// may run the client's entry module after the chunks it imports. Request bodies are small: the
// server loses nothing noticeable by parsing them without compiled code.
z.config({ jitless: true })
