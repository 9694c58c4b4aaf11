import { useId, useRef, useState, type ChangeEvent } from 'react'
import { useNavigate } from 'react-router'
import type { SpaceSummary } from '../../../shared/api'
import type { DocumentKind } from '../../../shared/templates'
import { importDocument } from '../api/upload'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { Notice } from './ui'

/** The Word and Markdown files the server reads (it checks their content, not these names). */
const ACCEPT = '.docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown'

/**
 * "Importer un document Word", in the new-document dialog: the chosen file becomes a document of
 * the dialog's kind and title, and the editor opens on it. Shows how much is sent, then that the
 * server is converting it.
 */
export function ImportDocument({ space, kind, title }: { space: SpaceSummary; kind: DocumentKind; title: string }) {
  const { t, message, locale } = useI18n()
  const navigate = useNavigate()
  const input = useRef<HTMLInputElement>(null)
  const progressId = useId()
  const [sent, setSent] = useState<number | null>(null)
  const [error, setError] = useState<Message | null>(null)

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file || sent !== null) return
    setError(null)
    setSent(0)
    try {
      const document = await importDocument({ space: { type: space.type, id: space.id }, kind, title: title.trim() || undefined, locale, file }, setSent)
      navigate(`/documents/${encodeURIComponent(document.id)}`, { state: { title: document.title } })
    } catch (err) {
      setSent(null)
      setError(
        describeError(err, {
          unsupported_media_type: 'importDocument.unsupported',
          payload_too_large: 'importDocument.tooLarge',
          unreadable_file: 'importDocument.unreadable',
          rate_limited: 'importDocument.yoursUnderway',
          unavailable: 'importDocument.busy',
        }),
      )
    }
  }

  const percent = sent === null ? 0 : Math.round(sent * 100)
  return (
    <div className="import-document">
      <p className="field-hint">{t('importDocument.hint')}</p>
      <input ref={input} type="file" accept={ACCEPT} hidden onChange={(e) => void onFile(e)} data-testid="import-file" />
      <button
        type="button"
        className="button button-secondary"
        onClick={() => input.current?.click()}
        disabled={sent !== null}
        aria-busy={sent !== null || undefined}
      >
        {t('importDocument.button')}
      </button>
      {sent !== null && (
        <div className="import-progress">
          <progress id={progressId} max={100} value={percent} aria-label={t('importDocument.progressLabel')} />
          <span role="status">{percent < 100 ? t('importDocument.sending', { percent }) : t('importDocument.converting')}</span>
        </div>
      )}
      {error && <Notice tone="error">{message(error)}</Notice>}
    </div>
  )
}
