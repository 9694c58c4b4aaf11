import type { Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { createImportedDocument } from '../../commands/import-document'
import { ApiError } from '../../errors'
import { inTurn, startImport } from '../../import/queue'
import { ImportRefusal } from '../../import/refusal'
import { importOnThread, type ImportLimits } from '../../import/thread'
import { FORM_OVERHEAD, readUpload, tooLarge } from '../../import/upload'
import { authorizeSpace } from '../access'
import { presentDocument } from '../presenters'
import { importDocumentFields } from '../../../shared/schemas'

/**
 * `POST /api/documents/import`: a Word or Markdown file becomes a new live document. The caller's
 * right to create in the space is checked from the fields sent before the file, before the file
 * is read; the file is converted on a thread of its own, in turn with everyone's (import/queue.ts);
 * nothing is stored unless all went well.
 */

/** One file may hold a thread this long; past it, it is refused. */
const IMPORT_TIMEOUT_MS = 30_000
/** What a Word file may unpack to: its parts are XML, which compresses tenfold, rarely a hundredfold. */
const UNPACK_FACTOR = 10
/**
 * …and never more than this: inflated parts are buffers, outside the import thread's heap limit,
 * and are held once more as the zip handed to mammoth.
 */
const MAX_INFLATED_BYTES = 50 * 1024 * 1024
const MAX_RATIO = 200
const MAX_PARTS = 2000

const STATUS = { unsupported: 'unsupported_media_type', unreadable: 'unreadable_file', too_large: 'payload_too_large' } as const

export async function importDocument(c: Context<AppEnv>) {
  const identity = requireIdentity(c)
  const { config } = c.var.deps
  const maxBytes = config.importMaxBytes
  const declared = Number(c.req.header('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD) throw tooLarge(maxBytes)
  // Counted before the upload is read: an import past the person's limit is refused before its bytes are.
  const done = startImport(identity.user.id, config.importQueue)
  try {
    return await importFile(c, identity, maxBytes)
  } finally {
    done()
  }
}

async function importFile(c: Context<AppEnv>, { actor, user }: ReturnType<typeof requireIdentity>, maxBytes: number) {
  const { config, db, versions } = c.var.deps

  let fields: ReturnType<typeof importDocumentFields.parse> | undefined
  const upload = await readUpload(c.req.raw, {
    maxBytes,
    async beforeFile(sent) {
      const parsed = importDocumentFields.safeParse(Object.fromEntries(sent))
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(form)', message: i.message }))
        throw new ApiError('invalid_input', `Invalid import form (send space before file): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
          fields: problems,
        })
      }
      await authorizeSpace(c, parsed.data.space, 'create_document')
      fields = parsed.data
    },
  })
  const form = fields!
  const filename = fileName(upload.filename)
  const limits: ImportLimits = {
    maxInflatedBytes: Math.min(maxBytes * UNPACK_FACTOR, MAX_INFLATED_BYTES),
    maxRatio: MAX_RATIO,
    maxEntries: MAX_PARTS,
    maxDocumentBytes: config.collab.maxDocumentBytes,
    maxDocumentItems: config.collab.maxDocumentItems,
  }
  const imported = await inTurn(config.importQueue, () => importOnThread({ bytes: upload.bytes, filename, limits }, IMPORT_TIMEOUT_MS)).catch(
    (err: unknown) => {
      if (err instanceof ImportRefusal) throw new ApiError(STATUS[err.kind], err.message)
      throw err
    },
  )
  const doc = await createImportedDocument(db, versions, {
    space: form.space,
    kind: form.kind,
    locale: form.locale,
    title: form.title ?? titleOf(filename),
    createdBy: user.id,
    filename,
    imported,
  })
  return c.json(presentDocument(actor, doc), 201)
}

/**
 * Control characters, and the invisible marks that reorder or hide text (bidi embeddings, overrides
 * and isolates, directional marks, line and paragraph separators): in a title, "facture\u202Egpj.docx"
 * would read as "facturexcod.jpg".
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed from a name
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu
/** Long enough for any name a person gives a file; the version is named "Importé de" and this. */
const FILENAME_MAX_CHARS = 120

/** The file's own name, as the browser sent it, without a path or characters no title holds, never empty. */
export function fileName(sent: string): string {
  const name = sent
    .replace(/^.*[\\/]/, '')
    .replace(INVISIBLE, '')
    .trim()
  // Counted in code points, so an emoji is never cut in half.
  return [...name].slice(0, FILENAME_MAX_CHARS).join('').trim() || 'document'
}

/** The title a document takes from its file: the name without its extension. */
const titleOf = (filename: string) => filename.replace(/\.[^.]+$/, '').trim() || filename
