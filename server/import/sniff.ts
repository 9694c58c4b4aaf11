import { ImportRefusal } from './refusal'

/**
 * What a file is, from its bytes rather than its name: a zip (a Word document is one), an OLE
 * compound file (an encrypted .docx or an old .doc), or UTF-8 text (Markdown). The name only
 * tells text that is meant as Markdown from any other text.
 */
export type Sniffed = { format: 'docx'; bytes: Uint8Array } | { format: 'markdown'; text: string }

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const MARKDOWN_NAME = /\.(md|markdown|txt)$/i

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

/** Office writes a password-protected document as an OLE file holding an "EncryptionInfo" stream (its name in UTF-16). */
const ENCRYPTION_INFO = new Uint8Array([...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]))

function holds(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!
  for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1
    while (j < needle.length && bytes[i + j] === needle[j]) j++
    if (j === needle.length) return true
  }
  return false
}

export function sniff(bytes: Uint8Array, filename: string): Sniffed {
  if (startsWith(bytes, ZIP)) return { format: 'docx', bytes }
  if (startsWith(bytes, OLE)) {
    if (holds(bytes, ENCRYPTION_INFO)) {
      throw new ImportRefusal('unreadable', 'This document is protected by a password: remove the password in Word, save it, and import it again')
    }
    throw new ImportRefusal('unsupported', 'This is an old Word document (.doc): save it as .docx in Word, and import it again')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new ImportRefusal('unsupported', 'Only Word documents (.docx) and Markdown files (.md) can be imported')
  }
  // Control characters other than tab, newlines and form feed mean binary that happens to be valid UTF-8.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it looks for
  if (/[\u0000-\u0008\u000b\u000e-\u001f]/.test(text) || !MARKDOWN_NAME.test(filename)) {
    throw new ImportRefusal('unsupported', 'Only Word documents (.docx) and Markdown files (.md) can be imported')
  }
  return { format: 'markdown', text }
}
