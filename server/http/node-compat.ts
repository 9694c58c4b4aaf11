/**
 * @hono/node-ws reports socket errors (an oversized frame, say) as an `ErrorEvent`, a global
 * Node 20 does not have; without it the real error is replaced by a ReferenceError.
 */
if (typeof globalThis.ErrorEvent === 'undefined') {
  class ErrorEventShim extends Event {
    readonly error: unknown
    readonly message: string
    constructor(type: string, init: { error?: unknown; message?: string } = {}) {
      super(type)
      this.error = init.error
      this.message = init.message ?? (init.error instanceof Error ? init.error.message : '')
    }
  }
  ;(globalThis as { ErrorEvent?: unknown }).ErrorEvent = ErrorEventShim
}
