import { ApiError, errorFromResponse } from '../api/client'

import type { ExportFormat } from '../../../shared/schemas'

export function exportUrl(documentId: string, format: ExportFormat, versionId?: string): string {
  const query = new URLSearchParams({ format })
  if (versionId) query.set('version', versionId)
  return `/api/documents/${encodeURIComponent(documentId)}/export?${query}`
}

/** The file name the server chose (RFC 6266: filename* in UTF-8 wins over the plain one). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim())
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;]+)/i.exec(disposition)
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback
}

/**
 * Fetches an export and hands it to the browser as a download. Fetched rather than linked, so
 * the page can show that a long export is being prepared, and say why if it fails.
 */
export async function downloadExport(url: string, fallbackName: string): Promise<void> {
  let response: Response
  try {
    response = await fetch(url, { credentials: 'same-origin' })
  } catch {
    throw new ApiError('network', 0, 'The export could not be fetched')
  }
  if (!response.ok) throw await errorFromResponse(response)
  const blob = await response.blob()
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = fileNameFrom(response.headers.get('content-disposition'), fallbackName)
  document.body.append(link)
  link.click()
  link.remove()
  // Let the browser start reading the file before the address is released.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}
