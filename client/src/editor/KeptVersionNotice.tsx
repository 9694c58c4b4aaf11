import { useState } from 'react'
import type { KeptVersion } from '../collab/kept-versions'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { formatDateTime } from '../lib/format'

/**
 * Says why the server refused this device's edits, and hands back what the device held then
 * (../collab/kept-versions.ts): copied with its formatting, or downloaded as text, until let go.
 */
export function KeptVersionNotice({ version, title, onForget }: { version: KeptVersion; title: string; onForget: () => void }) {
  const { t, locale } = useI18n()
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)

  async function copy() {
    try {
      if (typeof ClipboardItem === 'function' && navigator.clipboard.write) {
        const item = new ClipboardItem({
          'text/html': new Blob([version.html], { type: 'text/html' }),
          'text/plain': new Blob([version.text], { type: 'text/plain' }),
        })
        await navigator.clipboard.write([item])
      } else {
        await navigator.clipboard.writeText(version.text)
      }
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([version.text], { type: 'text/plain;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `${t('keptVersion.fileName', { title: title.replace(/[\\/:*?"<>|]+/g, '-') })}.txt`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }

  return (
    <Notice tone="error">
      <div className="kept-version">
        <p>
          {t(version.tooLarge ? 'keptVersion.tooLarge' : 'suggestions.refused')} {t('suggestions.refusedAfter')}
        </p>
        <p>{t('keptVersion.kept', { date: formatDateTime(version.keptAt, locale) })}</p>
        <div className="kept-version-actions">
          <button type="button" className="button button-small" onClick={() => void copy()}>
            {t('keptVersion.copy')}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={download}>
            {t('keptVersion.download')}
          </button>
          <button type="button" className="button button-quiet button-small" onClick={onForget}>
            {t('keptVersion.forget')}
          </button>
        </div>
        <p role="status">
          {copied === 'yes' && t('keptVersion.copied')}
          {copied === 'failed' && t('keptVersion.copyFailed')}
        </p>
      </div>
    </Notice>
  )
}
