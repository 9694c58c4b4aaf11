import { useSyncExternalStore } from 'react'
import { applyUpdate, subscribeToUpdate, updateWaiting } from '../offline/service-worker'
import { useI18n } from '../i18n/useI18n'
import './offline.css'

/**
 * A new version of Atelier is installed and waits: a quiet notice in a corner, never a dialog,
 * never taking the focus (someone may be typing), never reloading by itself. The reload button
 * lets it in; unsent edits are safe either way (IndexedDB), and the editor warns before leaving.
 */
export function UpdatePrompt() {
  const { t } = useI18n()
  const waiting = useSyncExternalStore(subscribeToUpdate, updateWaiting)
  return (
    <div className="update-prompt" role="status">
      {waiting && (
        <>
          <span>{t('offline.updateReady')}</span>
          <button type="button" className="button button-primary button-small" onClick={applyUpdate}>
            {t('offline.reload')}
          </button>
        </>
      )}
    </div>
  )
}
