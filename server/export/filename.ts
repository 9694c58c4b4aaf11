/**
 * File names people can recognise in a downloads folder: the title, the version, the date,
 * words joined by hyphens. Browsers get an ASCII name plus the accented one (RFC 6266).
 */

const MAX_PART = 80

/** Letters that NFKD does not take apart. */
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ı: 'i' }

export function asciiFold(text: string): string {
  return text
    .replace(/[œŒæÆßøØđĐłŁı]/g, (c) => LIGATURES[c]!)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
}

/** Runs of anything but letters and digits become one hyphen. */
function slug(text: string, ascii: boolean): string {
  const words = (ascii ? asciiFold(text) : text.normalize('NFC')).replace(ascii ? /[^A-Za-z0-9]+/g : /[^\p{L}\p{N}]+/gu, '-')
  return words
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_PART)
    .replace(/-+$/, '')
}

export type FileNameParts = { title: string; version: string | null; date: Date; extension: string }

function build(p: FileNameParts, ascii: boolean): string {
  const parts = [slug(p.title, ascii) || 'document', p.version ? slug(p.version, ascii) : '', p.date.toISOString().slice(0, 10)]
  return `${parts.filter(Boolean).join('_')}.${p.extension}`
}

export const exportFileName = (p: FileNameParts): string => build(p, true)

/** attachment; filename="ascii"; filename*=UTF-8''percent-encoded (RFC 6266 / RFC 8187). */
export function contentDisposition(p: FileNameParts): string {
  const unicode = build(p, false)
  const encoded = encodeURIComponent(unicode).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${build(p, true)}"; filename*=UTF-8''${encoded}`
}
