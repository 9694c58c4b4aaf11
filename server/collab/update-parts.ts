import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MAX_NESTING, nestedDeeperThan } from './nesting'

/**
 * Reads a Yjs update (v1 encoding, what y-websocket sends) without building Yjs objects, checks
 * it completely, and cuts it into small updates that, applied one after the other, do exactly
 * what the whole would. The live document applies those parts a few at a time, so one person's
 * huge paste never holds the server for long, and a malformed update never touches a document.
 *
 * The v1 format: a count of clients, then per client a count of structs, the client id, the
 * first clock, and the structs; then the delete set (per client, ranges of clock and length).
 * A v1 struct is self-contained (its ids and parent are written in full), so a client's run of
 * structs can be cut between any two structs: each part gets a header with the clock its first
 * struct starts at. Deletions come last, in parts of their own.
 */

export class MalformedUpdate extends Error {}

export type UpdateLimits = {
  /** Structs per part; each part is applied in one go. */
  structsPerPart: number
  /** Deleted ranges per part. */
  rangesPerPart: number
}

export type SplitUpdate = {
  parts: Uint8Array[]
  structs: number
  deletedRanges: number
  /** The Yjs clients whose structs it carries (who typed it). */
  clients: number[]
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = { structsPerPart: 64, rangesPerPart: 512 }

/** Yjs item content kinds (the low 5 bits of a struct's info byte). */
const GC = 0
const SKIP = 10
const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_BINARY = 3
const CONTENT_STRING = 4
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
/** Type references: YArray, YMap, YText, YXmlElement (named), YXmlFragment, YXmlHook (named), YXmlText. */
const NAMED_TYPES = new Set([3, 5])
const TYPE_REFS = 7
const BIT6 = 0x20
const BIT7 = 0x40
const BIT8 = 0x80

type Run = { client: number; structs: { start: number; end: number; clock: number }[] }

/** Checks the whole update and cuts it into parts; throws MalformedUpdate when it is not a valid v1 update. */
export function splitUpdate(update: Uint8Array, limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): SplitUpdate {
  const decoder = decoding.createDecoder(update)
  const runs: Run[] = []
  const ranges: [number, number, number][] = []
  try {
    const clientCount = readCount(decoder)
    const seen = new Set<number>()
    for (let c = 0; c < clientCount; c++) {
      const count = readCount(decoder)
      const client = decoding.readVarUint(decoder)
      if (seen.has(client)) throw new MalformedUpdate('a client appears twice')
      seen.add(client)
      let clock = decoding.readVarUint(decoder)
      const run: Run = { client, structs: [] }
      for (let i = 0; i < count; i++) {
        const start = decoder.pos
        const length = skipStruct(decoder, client, clock)
        run.structs.push({ start, end: decoder.pos, clock })
        clock += length
      }
      runs.push(run)
    }
    const dsClients = readCount(decoder)
    for (let c = 0; c < dsClients; c++) {
      const client = decoding.readVarUint(decoder)
      const count = readCount(decoder)
      for (let i = 0; i < count; i++) ranges.push([client, decoding.readVarUint(decoder), decoding.readVarUint(decoder)])
    }
  } catch (err) {
    throw err instanceof MalformedUpdate ? err : new MalformedUpdate((err as Error).message)
  }
  if (decoder.pos !== update.length) throw new MalformedUpdate('trailing bytes after the update')

  const parts: Uint8Array[] = []
  for (const run of runs) {
    for (let i = 0; i < run.structs.length; i += limits.structsPerPart) {
      const slice = run.structs.slice(i, i + limits.structsPerPart)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, slice.length)
      encoding.writeVarUint(e, run.client)
      encoding.writeVarUint(e, slice[0]!.clock)
      encoding.writeUint8Array(e, update.subarray(slice[0]!.start, slice.at(-1)!.end))
      encoding.writeVarUint(e, 0)
      parts.push(encoding.toUint8Array(e))
    }
  }
  for (let i = 0; i < ranges.length; i += limits.rangesPerPart) parts.push(deletePart(ranges.slice(i, i + limits.rangesPerPart)))
  return {
    parts,
    structs: runs.reduce((n, r) => n + r.structs.length, 0),
    deletedRanges: ranges.length,
    clients: runs.filter((r) => r.structs.length > 0).map((r) => r.client),
  }
}

/** An update with no structs and some deleted ranges, grouped by client as Yjs writes them. */
function deletePart(ranges: [number, number, number][]): Uint8Array {
  const byClient = new Map<number, [number, number][]>()
  for (const [client, clock, len] of ranges) {
    const list = byClient.get(client) ?? []
    list.push([clock, len])
    byClient.set(client, list)
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, list.length)
    for (const [clock, len] of list) {
      encoding.writeVarUint(e, clock)
      encoding.writeVarUint(e, len)
    }
  }
  return encoding.toUint8Array(e)
}

/** A count that must fit in what is left of the message (each counted thing takes at least a byte). */
function readCount(decoder: decoding.Decoder): number {
  const n = decoding.readVarUint(decoder)
  if (n > decoder.arr.length - decoder.pos) throw new MalformedUpdate('a count larger than the message')
  return n
}

function readBytes(decoder: decoding.Decoder): void {
  const n = decoding.readVarUint(decoder)
  if (n > decoder.arr.length - decoder.pos) throw new MalformedUpdate('truncated update')
  decoder.pos += n
}

/**
 * Reads one struct; returns its length in clock units, as Yjs counts it. Yjs takes a reference to
 * an earlier item of the same client on trust (it must already be there), so such a reference must
 * point before the struct itself.
 */
function skipStruct(decoder: decoding.Decoder, client: number, clock: number): number {
  const readId = () => {
    const idClient = decoding.readVarUint(decoder)
    const idClock = decoding.readVarUint(decoder)
    if (idClient === client && idClock >= clock) throw new MalformedUpdate('a struct refers to itself or to a later struct')
  }
  const info = decoding.readUint8(decoder)
  const kind = info & 0x1f
  if (kind === GC || kind === SKIP) return positive(decoding.readVarUint(decoder))
  const hasOrigin = (info & BIT8) === BIT8
  const hasRightOrigin = (info & BIT7) === BIT7
  if (hasOrigin) readId()
  if (hasRightOrigin) readId()
  if (!hasOrigin && !hasRightOrigin) {
    // Parent: a root type by name, or an item id; then an optional map key.
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder)
    else readId()
    if ((info & BIT6) === BIT6) decoding.readVarString(decoder)
  }
  switch (kind) {
    case CONTENT_DELETED:
      return positive(decoding.readVarUint(decoder))
    case CONTENT_JSON: {
      const count = positive(readCount(decoder))
      for (let i = 0; i < count; i++) {
        const json = decoding.readVarString(decoder)
        if (json !== 'undefined') checkJson(json)
      }
      return count
    }
    case CONTENT_BINARY:
      readBytes(decoder)
      return 1
    case CONTENT_STRING: {
      const length = decoding.readVarString(decoder).length
      return positive(length)
    }
    case CONTENT_EMBED:
      checkJson(decoding.readVarString(decoder))
      return 1
    case CONTENT_FORMAT:
      decoding.readVarString(decoder)
      checkJson(decoding.readVarString(decoder))
      return 1
    case CONTENT_TYPE: {
      const ref = decoding.readVarUint(decoder)
      if (ref >= TYPE_REFS) throw new MalformedUpdate(`unknown type ${ref}`)
      if (NAMED_TYPES.has(ref)) decoding.readVarString(decoder)
      return 1
    }
    case CONTENT_ANY: {
      const count = positive(readCount(decoder))
      for (let i = 0; i < count; i++) skipAny(decoder, 0)
      return count
    }
    default:
      // Subdocuments (9) have no place in an Atelier document; other kinds do not exist.
      throw new MalformedUpdate(`unsupported content kind ${kind}`)
  }
}

/** Yjs would accept an empty struct but never writes one; a zero length would make parts ambiguous. */
function positive(n: number): number {
  if (n <= 0) throw new MalformedUpdate('a struct of length zero')
  return n
}

/** lib0's `any` encoding, read without building values, with bounded nesting. */
function skipAny(decoder: decoding.Decoder, depth: number): void {
  if (depth >= MAX_NESTING) throw new MalformedUpdate('values nested too deeply')
  const tag = decoding.readUint8(decoder)
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return
    case 125:
      decoding.readVarInt(decoder)
      return
    case 124:
      skip(decoder, 4)
      return
    case 123:
    case 122:
      skip(decoder, 8)
      return
    case 119:
      decoding.readVarString(decoder)
      return
    case 118: {
      const n = readCount(decoder)
      for (let i = 0; i < n; i++) {
        decoding.readVarString(decoder)
        skipAny(decoder, depth + 1)
      }
      return
    }
    case 117: {
      const n = readCount(decoder)
      for (let i = 0; i < n; i++) skipAny(decoder, depth + 1)
      return
    }
    case 116:
      readBytes(decoder)
      return
    default:
      throw new MalformedUpdate(`unknown value tag ${tag}`)
  }
}

function skip(decoder: decoding.Decoder, n: number): void {
  if (n > decoder.arr.length - decoder.pos) throw new MalformedUpdate('truncated update')
  decoder.pos += n
}

/** JSON as Yjs will parse it, with bounded nesting (deep values would overflow the stack when written back). */
function checkJson(text: string): void {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new MalformedUpdate('invalid JSON content')
  }
  if (nestedDeeperThan(value)) throw new MalformedUpdate('values nested too deeply')
}
