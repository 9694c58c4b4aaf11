import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { Notice, Spinner } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { useDismiss } from '../lib/useDismiss'
import { useKeepInView } from '../lib/useKeepInView'
import { useRovingFocus } from '../lib/useRovingFocus'
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/schemas'
import { downloadExport, exportUrl } from './download'
import './versions.css'

/** "Export" and its formats, for the live document or one version. Shows that a long export is on its way. */
export function ExportMenu({ documentId, versionId, label }: { documentId: string; versionId?: string; label?: string }) {
  const { t, message } = useI18n()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [error, setError] = useState<Message | null>(null)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const options = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => setOpen(false), [])
  const roving = useRovingFocus(options, 'vertical')

  useDismiss(open, root, close)
  useKeepInView(options, open)
  // Opened, the first format has the focus (WAI-ARIA menu pattern); arrows move among them.
  useEffect(() => {
    if (open) options.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [open])

  async function run(format: ExportFormat) {
    setBusy(format)
    setError(null)
    try {
      await downloadExport(exportUrl(documentId, format, versionId), `document.${format}`)
      setOpen(false)
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="button button-secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        {busy && <Spinner />}
        {busy ? t('export.preparing') : (label ?? t('export.button'))}
      </button>
      <div
        id={id}
        ref={options}
        className="export-options"
        role="menu"
        aria-label={label ?? t('export.button')}
        hidden={!open}
        onFocus={roving.onFocus}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            close()
            toggle.current?.focus()
          } else roving.onKeyDown(event)
        }}
      >
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="export-option"
            role="menuitem"
            disabled={busy !== null}
            aria-busy={busy === format || undefined}
            onClick={() => void run(format)}
          >
            {busy === format && <Spinner />}
            {t(`export.format.${format}`)}
          </button>
        ))}
      </div>
      {error && <Notice tone="error">{message(error)}</Notice>}
    </div>
  )
}
