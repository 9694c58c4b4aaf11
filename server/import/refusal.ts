/**
 * Why a file cannot be imported, as the API tells it: not a format we read (415), a file we
 * cannot read (422: corrupt, protected by a password), or too large once unpacked (413).
 * Thrown by the conversion on the import thread; its name survives the thread boundary.
 */
export type RefusalKind = 'unsupported' | 'unreadable' | 'too_large'

export class ImportRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message)
    this.name = 'ImportRefusal'
  }
}
