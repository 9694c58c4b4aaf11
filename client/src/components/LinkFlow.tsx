import { useState } from 'react'
import type { LinkResponse } from '../../../shared/api'
import type { Message } from '../i18n/types'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { CopyLink } from './CopyLink'
import { Notice, Spinner } from './ui'

type Texts = { text: string; ready: string; link: string; create: string; creating: string }

/**
 * A dialog's body that makes a single-use link on request, then shows it to copy (a password
 * reset, a guest's workshop invitation): what it will do, the button, then the link.
 */
export function LinkFlow({ make, texts, onClose }: { make: () => Promise<LinkResponse>; texts: Texts; onClose: () => void }) {
  const { t, message } = useI18n()
  const [link, setLink] = useState<LinkResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function create() {
    setBusy(true)
    setError(null)
    try {
      setLink(await make())
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  if (link) {
    return (
      <div className="form">
        <Notice tone="success">{texts.ready}</Notice>
        <CopyLink link={link} label={texts.link} />
        <div className="actions actions-end">
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('common.done')}
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className="form">
      {error && <Notice tone="error">{message(error)}</Notice>}
      <p>{texts.text}</p>
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} aria-busy={busy || undefined} data-autofocus="">
          {busy && <Spinner />}
          <span>{busy ? texts.creating : texts.create}</span>
        </button>
      </div>
    </div>
  )
}
