import { describe, expect, it } from 'vitest'
import { renderPdf, toWinAnsi } from '../../server/export/pdf'
import { COVER, SAMPLE, SUGGESTED } from './sample'

/**
 * The words drawn in an uncompressed PDF: pdfkit writes them as hex strings in TJ operators,
 * in Windows-1252 for its standard fonts. Each line's strings are joined, lines kept apart.
 */
function drawnText(pdf: Uint8Array): string[] {
  const source = Buffer.from(pdf).toString('latin1')
  // Node's TextDecoder reads windows-1252 as Latin-1, so its 0x80–0x9F row is spelled out here.
  const row = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
  const decode = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b < 0xa0 ? row[b - 0x80] : String.fromCharCode(b))).join('')
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)].map((tj) => [...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => decode(Buffer.from(h[1]!, 'hex'))).join(''))
}

describe('PDF export', () => {
  it('is a PDF whose cover and pages carry the words, accents and typographic marks intact', async () => {
    const pdf = await renderPdf(COVER, SAMPLE, { compress: false })
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    const lines = drawnText(pdf)
    expect(lines[0]).toBe('Plan d’action — Dakar')
    const all = lines.join('\n')
    expect(all).toContain('Réseau\u00a0: ')
    expect(all).toContain('Réseau collaboratif des villes')
    expect(all).toContain('Analyse du contexte local')
    expect(all).toContain('Une citation « entre guillemets »')
    expect(all).toContain('Échéance')
    expect(all).toContain('Étape trois')
    expect(all).toContain('souligné')
  })

  it('draws the text without its pending suggestions, and no marker of a suggested break', async () => {
    const all = drawnText(await renderPdf(COVER, SUGGESTED, { compress: false })).join('\n')
    expect(all).toContain('Le marché de Médina très attire cent vendeurs.')
    expect(all).not.toContain('couvert')
    expect(all).not.toContain('deux cents')
    expect(all).not.toContain('?')
  })

  it('links the link’s words to its address', async () => {
    const source = Buffer.from(await renderPdf(COVER, SAMPLE, { compress: false })).toString('latin1')
    expect(source).toMatch(/\/URI \(https:\/\/ville\.example\.org\/plan\)/)
  })

  it('starts a page for the document after the cover', async () => {
    const source = Buffer.from(await renderPdf(COVER, SAMPLE, { compress: false })).toString('latin1')
    expect(source.match(/\/Type \/Page\b/g)?.length).toBeGreaterThanOrEqual(2)
  })

  it('folds what its fonts cannot draw rather than drawing the wrong letter', () => {
    expect(toWinAnsi('é à ç œ ’ « » — € ñ ¿')).toBe('é à ç œ ’ « » — € ñ ¿')
    expect(toWinAnsi('«\u202fmot\u202f»')).toBe('«\u00a0mot\u00a0»')
    expect(toWinAnsi('Łódź Ağrı 漢')).toBe('Lódz Agri ?')
  })
})
