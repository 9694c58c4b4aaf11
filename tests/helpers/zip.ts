import { Zip, ZipDeflate } from 'fflate'

/** A zip whose one part is `bytes` bytes of zeros, deflated chunk by chunk so the test never holds them. */
export function zipOfZeros(name: string, bytes: number): Uint8Array {
  const out: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    out.push(chunk)
  })
  const entry = new ZipDeflate(name, { level: 1 })
  zip.add(entry)
  const zeros = new Uint8Array(1024 * 1024)
  for (let left = bytes; left > 0; left -= zeros.length) entry.push(zeros.subarray(0, Math.min(left, zeros.length)), left <= zeros.length)
  zip.end()
  return Buffer.concat(out)
}

/** The same zip, its central directory claiming each part unpacks to `size` bytes. */
export function lyingSizes(zip: Uint8Array, size: number): Uint8Array {
  const out = Uint8Array.from(zip)
  const view = new DataView(out.buffer)
  for (let i = 0; i + 4 <= out.length; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true)
  return out
}
