import type { DocumentSummary } from '../../../shared/api'
import type { SpaceRef } from '../../../shared/domain'
import { ApiError, errorFromResponse } from './client'

/**
 * `POST /api/documents/import` with the upload's progress, which fetch cannot report: through
 * XMLHttpRequest. The space and the other fields go before the file, as the server reads them first.
 */
export function importDocument(
  d: { space: SpaceRef; kind: string; title?: string; locale: string; file: File },
  onProgress: (sent: number) => void,
): Promise<DocumentSummary> {
  const form = new FormData()
  form.append('space', JSON.stringify(d.space))
  form.append('kind', d.kind)
  if (d.title) form.append('title', d.title)
  form.append('locale', d.locale)
  form.append('file', d.file, d.file.name)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/documents/import')
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new ApiError('network', 0, 'network error'))
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': 'application/json' } })
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as DocumentSummary)
      else errorFromResponse(response).then(reject, reject)
    }
    xhr.send(form)
  })
}
