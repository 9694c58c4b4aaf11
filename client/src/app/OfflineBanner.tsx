import { useSyncExternalStore } from 'react'
import { useI18n } from '../i18n/useI18n'
import './offline.css'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/**
 * Under the header on every screen while the device has no network: the app still works from
 * what this device keeps (the service worker, the documents' local copies), and edits wait here
 * until the connection returns. The region stays in the page so screen readers announce the change.
 */
export function OfflineBanner() {
  const { t } = useI18n()
  const online = useSyncExternalStore(subscribe, () => navigator.onLine)
  return (
    <div className="offline-banner" role="status">
      {!online && t('offline.banner')}
    </div>
  )
}
