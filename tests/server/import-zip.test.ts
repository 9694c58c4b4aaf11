import { zipSync } from 'fflate'
import { describe, expect, it, vi } from 'vitest'
import { ImportRefusal } from '../../server/import/refusal'
import { unpack } from '../../server/import/zip'
import { lyingSizes, zipOfZeros } from '../helpers/zip'

/** Every chunk the import's inflater hands back, by size. */
const inflated = vi.hoisted(() => [] as number[])

vi.mock('fflate', async (original) => {
  const fflate = await original<typeof import('fflate')>()
  class Inflate extends fflate.Inflate {
    constructor(ondata: (chunk: Uint8Array, final: boolean) => void) {
      super((chunk, final) => {
        inflated.push(chunk.length)
        ondata(chunk, final)
      })
    }
  }
  return { ...fflate, Inflate }
})

const MB = 1024 * 1024

describe('unpacking a Word file', () => {
  it('refuses a part that inflates past its declared size having inflated a few MB of it, not all of it', () => {
    // 128 MB of zeros deflate to about 128 KB; the directory says the part is 1 KB.
    const bomb = lyingSizes(zipOfZeros('word/document.xml', 128 * MB), 1024)
    expect(bomb.length).toBeLessThan(MB)
    inflated.length = 0
    let refusal: unknown
    try {
      unpack(bomb, { maxInflatedBytes: 50 * MB, maxRatio: 200, maxEntries: 2000 })
    } catch (err) {
      refusal = err
    }
    expect(refusal).toBeInstanceOf(ImportRefusal)
    expect((refusal as ImportRefusal).kind).toBe('too_large')
    expect(inflated.length).toBeGreaterThan(0)
    expect(inflated.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(8 * MB)
  })

  it('inflates an honest part whole', () => {
    const text = new TextEncoder().encode(Array.from({ length: 200_000 }, (_, i) => `<w:p><w:t>Paragraphe ${i}</w:t></w:p>`).join(''))
    const zip = zipSync({ 'word/document.xml': text })
    const part = unpack(zip, { maxInflatedBytes: 50 * MB, maxRatio: 200, maxEntries: 2000 }).get('word/document.xml')!
    expect(Buffer.compare(part, text)).toBe(0)
  })
})
