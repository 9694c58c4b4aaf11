import busboy from 'busboy'
import { ApiError } from '../errors'

/**
 * Reads a multipart upload as a stream: the fields sent before the file are handed to `beforeFile`
 * (which authorises) before the file's bytes are read on, and the file stops being read the
 * moment it passes `maxBytes`; a file under any other name than "file" is refused as soon as its
 * part begins. Nothing is read beyond what those allow.
 */

export type Upload = { fields: Map<string, string>; filename: string; bytes: Uint8Array }

/** The multipart framing and the small fields around the file: the body may be this much larger than the file. */
export const FORM_OVERHEAD = 64 * 1024

export const tooLarge = (maxBytes: number) =>
  new ApiError('payload_too_large', `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB an import may be`)

export async function readUpload(request: Request, o: { maxBytes: number; beforeFile(fields: Map<string, string>): Promise<void> }): Promise<Upload> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\b/i.test(type) || !request.body) {
    throw new ApiError('unsupported_media_type', 'Send the file as multipart/form-data, with its space first')
  }
  const fields = new Map<string, string>()
  let failure: unknown = null
  let gate: Promise<void> | null = null
  let file: { filename: string; chunks: Uint8Array[]; size: number } | null = null
  const fail = (err: unknown) => {
    failure ??= err
  }
  const parser = busboy({
    headers: { 'content-type': type },
    // Browsers send file names in UTF-8.
    defParamCharset: 'utf8',
    // A second file is skipped by the parser itself (files: 1); its bytes count towards the body's bound below.
    limits: { files: 1, fields: 8, fieldSize: 16 * 1024, fileSize: o.maxBytes, parts: 10 },
  })
  parser.on('field', (name, value) => fields.set(name, value))
  parser.on('file', (name, stream, info) => {
    // A file under any other name would be read through, before anyone is authorised: refused at once instead.
    if (name !== 'file') {
      fail(
        new ApiError('invalid_input', `The upload holds a file in "${name}": send the file in the field "file"`, {
          fields: [{ path: name, message: 'unexpected file' }],
        }),
      )
      // Ended with the parser, with an error of its own: the refusal above is what the caller is told.
      stream.on('error', () => undefined).resume()
      return
    }
    const current = { filename: info.filename ?? '', chunks: [] as Uint8Array[], size: 0 }
    file = current
    gate = o.beforeFile(new Map(fields)).catch((err: unknown) => {
      fail(err)
      throw err
    })
    stream.on('data', (chunk: Buffer) => {
      current.size += chunk.length
      current.chunks.push(chunk)
    })
    stream.on('limit', () => fail(tooLarge(o.maxBytes)))
    // A body cut short (or abandoned on a refusal) ends the file with an error; the cause is already known or follows.
    stream.on('error', (err: Error) => fail(new ApiError('invalid_input', `The upload was cut short (${err.message})`)))
  })
  parser.on('error', (err: Error) => fail(new ApiError('invalid_input', `The upload is not valid multipart/form-data (${err.message})`)))
  const closed = new Promise<void>((resolve) => parser.on('close', resolve))

  const reader = request.body.getReader()
  let read = 0
  try {
    for (;;) {
      // Until the caller may import into the space, no more of the file is read.
      if (gate) await (gate as Promise<void>).catch(() => undefined)
      if (failure) throw failure
      const { done, value } = await reader.read()
      if (done) break
      // Parts after the file (a second file, long fields) are skipped by the parser but still arrive: the body is bounded too.
      read += value.length
      if (read > o.maxBytes + FORM_OVERHEAD) throw tooLarge(o.maxBytes)
      if (!parser.write(value)) await new Promise((resolve) => parser.once('drain', resolve))
    }
    parser.end()
    await closed
    if (gate) await gate
    if (failure) throw failure
  } catch (err) {
    await reader.cancel().catch(() => undefined)
    parser.destroy()
    throw err
  }
  const got = file as { filename: string; chunks: Uint8Array[]; size: number } | null
  if (!got) throw new ApiError('invalid_input', 'The upload has no file: send it in the field "file"', { fields: [{ path: 'file', message: 'required' }] })
  if (got.size === 0) throw new ApiError('invalid_input', 'The file is empty', { fields: [{ path: 'file', message: 'empty' }] })
  return { fields, filename: got.filename, bytes: Buffer.concat(got.chunks) }
}
