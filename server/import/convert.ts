import mammoth from 'mammoth'
import MarkdownIt from 'markdown-it'
import type { PmNode } from '../../shared/content'
import { htmlToContent } from './html'
import { ImportRefusal } from './refusal'
import { sniff } from './sniff'
import { storedZip, unpack, type ZipLimits } from './zip'

/**
 * A Word or Markdown file as ProseMirror JSON of the editor's schema. Runs on the import thread
 * (server/workers/import.ts): its cost grows with the file.
 */

/** Word's own styles that mammoth leaves out by default: underline is kept as the editor has it. */
const STYLE_MAP = ['u => u', 'strike => s']

// GFM: tables and strikethrough are markdown-it's defaults; raw HTML is not read.
const markdown = new MarkdownIt({ html: false, linkify: false })

export async function convertFile(bytes: Uint8Array, filename: string, limits: ZipLimits): Promise<PmNode> {
  const file = sniff(bytes, filename)
  if (file.format === 'markdown') return htmlToContent(markdown.render(file.text))
  const parts = unpack(file.bytes, limits)
  if (!parts.has('word/document.xml')) {
    throw new ImportRefusal('unsupported', 'This zip archive is not a Word document: only .docx and Markdown files can be imported')
  }
  parts.set('word/document.xml', withoutHeaderOff(parts.get('word/document.xml')!))
  const { value } = await mammoth
    .convertToHtml(
      { buffer: asBuffer(storedZip(parts)) },
      {
        styleMap: STYLE_MAP,
        // An empty paragraph is a place left to write in (Atelier's own exports have them under each heading).
        ignoreEmptyParagraphs: false,
        // Images are not stored (there are no attachments yet): only their description is kept, for the note.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    )
    .catch((err: unknown) => {
      throw new ImportRefusal('unreadable', `The Word document cannot be read (${err instanceof Error ? err.message : String(err)})`)
    })
  return htmlToContent(value)
}

/**
 * mammoth takes any `<w:tblHeader>` for a header row, even one switched off (`w:val="off"`, as
 * the docx package writes every body row, ours included): such marks are removed before it reads.
 */
function withoutHeaderOff(xml: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(xml)
  return new TextEncoder().encode(text.replace(/<w:tblHeader\s+w:val="(?:off|false|0)"\s*\/>/g, ''))
}

/** The same bytes as a Buffer (what mammoth takes), without copying them. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
