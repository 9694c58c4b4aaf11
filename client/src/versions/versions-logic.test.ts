import { describe, expect, it } from 'vitest'
import { exportUrl, fileNameFrom } from './download'

describe('exports', () => {
  it('asks for the live document or a version, in a format', () => {
    expect(exportUrl('d1', 'docx')).toBe('/api/documents/d1/export?format=docx')
    expect(exportUrl('d 1', 'pdf', 'v2')).toBe('/api/documents/d%201/export?format=pdf&version=v2')
  })

  it('keeps the file name the server chose, accents included', () => {
    expect(fileNameFrom(`attachment; filename="Plan-d-action.docx"; filename*=UTF-8''Plan%20d%E2%80%99action.docx`, 'x')).toBe('Plan d’action.docx')
    expect(fileNameFrom('attachment; filename="Plan-d-action.md"', 'x')).toBe('Plan-d-action.md')
    expect(fileNameFrom('attachment; filename=plan.pdf', 'x')).toBe('plan.pdf')
    expect(fileNameFrom(null, 'document.docx')).toBe('document.docx')
    expect(fileNameFrom(`attachment; filename*=UTF-8''%E2%80`, 'x')).toBe('x')
  })
})
