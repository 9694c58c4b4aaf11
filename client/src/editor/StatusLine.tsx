import type { CollabSnapshot } from '../collab/session'
import { useI18n } from '../i18n/useI18n'

/** Always visible: where the document stands between this device and the server. */
export function StatusLine({ snapshot }: { snapshot: CollabSnapshot }) {
  const { t } = useI18n()
  const { status, unsaved } = snapshot
  const text = status === 'offline' && unsaved ? t('editor.status.offlineUnsaved') : t(`editor.status.${status}`)
  return (
    <p className={`editor-status editor-status-${status}`} role="status" data-status={status}>
      <span className="editor-status-dot" aria-hidden="true" />
      {text}
    </p>
  )
}

/** Why the connection will not come back by itself, and what to do. */
export function endedMessageKey(code: number): 'editor.ended.access' | 'editor.ended.session' | 'editor.ended.other' {
  if (code === 4401) return 'editor.ended.session'
  if (code === 4403 || code === 4404) return 'editor.ended.access'
  return 'editor.ended.other'
}
