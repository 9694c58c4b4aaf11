import { describe, expect, it } from 'vitest'
import { contentDisposition, exportFileName } from '../../server/export/filename'

const date = new Date('2026-12-01T15:00:00Z')

describe('export file names', () => {
  it('joins title, version and date, folded to ASCII', () => {
    expect(exportFileName({ title: 'Plan d’action — Dakar', version: 'V1 avant expérimentation', date, extension: 'docx' })).toBe(
      'Plan-d-action-Dakar_V1-avant-experimentation_2026-12-01.docx',
    )
    expect(exportFileName({ title: 'Œuvre & cœur : Ségou', version: null, date, extension: 'md' })).toBe('OEuvre-coeur-Segou_2026-12-01.md')
  })

  it('never leaves a name empty, nor one that reaches outside its folder', () => {
    expect(exportFileName({ title: '漢字', version: null, date, extension: 'pdf' })).toBe('document_2026-12-01.pdf')
    expect(exportFileName({ title: '../../etc/passwd', version: null, date, extension: 'pdf' })).toBe('etc-passwd_2026-12-01.pdf')
  })

  it('keeps long titles to a readable length', () => {
    const name = exportFileName({ title: 'mot '.repeat(60), version: null, date, extension: 'pdf' })
    expect(name.length).toBeLessThanOrEqual(80 + '_2026-12-01.pdf'.length)
    expect(name).toMatch(/^mot(-mot)+_2026-12-01\.pdf$/)
  })

  it('gives browsers the ASCII name and the accented one (RFC 6266)', () => {
    expect(contentDisposition({ title: 'Fiche constitutive du Réseau (2027)', version: null, date, extension: 'pdf' })).toBe(
      `attachment; filename="Fiche-constitutive-du-Reseau-2027_2026-12-01.pdf"; filename*=UTF-8''Fiche-constitutive-du-R%C3%A9seau-2027_2026-12-01.pdf`,
    )
  })
})
