import { Inflate, zipSync, type Zippable } from 'fflate'
import { ImportRefusal } from './refusal'

/**
 * A zip's entries unpacked under a budget, read from the central directory (what the archive
 * declares) before anything is inflated: a zip bomb is refused by its declared sizes and ratio,
 * and one that lies about them is cut off as soon as a part inflates past its declared size.
 */

export type ZipLimits = { maxInflatedBytes: number; maxRatio: number; maxEntries: number }

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number }

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** Entries this small are not held to the ratio: an empty XML part compresses a hundredfold. */
const RATIO_FLOOR = 64 * 1024

const corrupt = (why: string) => new ImportRefusal('unreadable', `The file is damaged and cannot be read (${why})`)

function entries(zip: Uint8Array, limits: ZipLimits): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end record sits in the last 22 bytes plus at most a 64 KiB comment.
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) throw corrupt('no zip directory: the file may be truncated')
  const count = view.getUint16(end + 10, true)
  const directoryOffset = view.getUint32(end + 16, true)
  if (count === 0xffff || directoryOffset === 0xffffffff) throw corrupt('a zip64 archive, which Word does not write')
  if (count > limits.maxEntries) throw new ImportRefusal('too_large', `The file holds ${count} parts; at most ${limits.maxEntries} are read`)
  const out: Entry[] = []
  let at = directoryOffset
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== CENTRAL) throw corrupt('a broken zip directory')
    const nameLength = view.getUint16(at + 28, true)
    out.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      localOffset: view.getUint32(at + 42, true),
    })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return out
}

/** Refuses, from the sizes the archive declares, what would unpack to too much. */
function checkDeclared(list: Entry[], limits: ZipLimits): void {
  const total = list.reduce((sum, e) => sum + e.size, 0)
  const tooMuch = () =>
    new ImportRefusal(
      'too_large',
      `The file unpacks to more than ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB; it is refused as a possible zip bomb`,
    )
  if (total > limits.maxInflatedBytes) throw tooMuch()
  for (const e of list) {
    if (e.size > RATIO_FLOOR && e.size > e.compressedSize * limits.maxRatio) throw tooMuch()
  }
}

/**
 * Compressed bytes handed to the inflater at a time. Deflate unpacks at most about a thousandfold,
 * so one step yields at most some 4 MB before the part's size is checked: a part that lies about
 * its size is refused having inflated that much, not all it would unpack to.
 */
const STEP = 4 * 1024

/** One part, inflated into a buffer of its declared size (the declared sizes are within the budget): nothing is held twice. */
function inflate(data: Uint8Array, entry: Entry): Uint8Array {
  const out = new Uint8Array(entry.size)
  let length = 0
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > entry.size) {
      throw new ImportRefusal('too_large', 'The file unpacks to more than it declares; it is refused as a possible zip bomb')
    }
    out.set(chunk, length)
    length += chunk.length
  })
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length)
    if (data.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (err) {
    if (err instanceof ImportRefusal) throw err
    throw corrupt(`part ${entry.name} does not inflate`)
  }
  if (length !== entry.size) throw corrupt(`part ${entry.name} is truncated`)
  return out
}

/** The archive's parts by name, each inflated within its declared size, so all of them within the budget. */
export function unpack(zip: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  const list = entries(zip, limits)
  checkDeclared(list, limits)
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const parts = new Map<string, Uint8Array>()
  for (const e of list) {
    if (e.name.endsWith('/')) continue
    const at = e.localOffset
    if (at + 30 > zip.length || view.getUint32(at, true) !== LOCAL) throw corrupt(`part ${e.name} is missing`)
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const data = zip.subarray(start, start + e.compressedSize)
    if (data.length < e.compressedSize) throw corrupt(`part ${e.name} is truncated`)
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw corrupt(`part ${e.name} is inconsistent`)
      parts.set(e.name, data)
    } else if (e.method === 8) parts.set(e.name, inflate(data, e))
    else throw corrupt(`part ${e.name} uses compression method ${e.method}`)
  }
  return parts
}

/** The same parts as an uncompressed zip: a reader given it (mammoth) has nothing left to inflate. */
export function storedZip(parts: Map<string, Uint8Array>): Uint8Array {
  const files: Zippable = {}
  for (const [name, data] of parts) files[name] = [data, { level: 0 }]
  return zipSync(files)
}
