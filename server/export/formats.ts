import type { ExportFormat } from '../../shared/schemas'
import type { Cover } from './cover'
import { renderDocx } from './docx'
import { renderMarkdown } from './markdown'
import { renderPdf } from './pdf'
import type { PmNode } from './pm'

/**
 * Each export format: its media type, its file extension and its renderer. Pending suggestions
 * are Word's tracked changes in DOCX; Markdown and PDF print the text without them.
 */
export const FORMATS: Record<
  ExportFormat,
  {
    contentType: string
    extension: string
    render: (cover: Cover, content: PmNode, suggesters: Readonly<Record<string, string>>) => Promise<Uint8Array<ArrayBuffer>>
  }
> = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    render: renderDocx,
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    render: async (cover, content) => new TextEncoder().encode(renderMarkdown(cover, content)),
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf', render: (cover, content) => renderPdf(cover, content) },
}
