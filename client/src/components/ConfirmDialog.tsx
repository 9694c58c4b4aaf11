import { useState } from 'react'
import type { ClientErrorCode } from '../api'
import type { Message, MessageKey } from '../i18n/types'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { Dialog } from './Dialog'
import { Notice, Spinner } from './ui'

type Props = {
  open: boolean
  onClose: () => void
  title: string
  /** What will happen, in plain words: the dialog's description. */
  text: string
  confirmLabel: string
  busyLabel: string
  /** Does the action; the caller closes the dialog when it worked. A throw is shown in the dialog. */
  onConfirm: () => Promise<void>
  errors?: Partial<Record<ClientErrorCode, MessageKey>>
}

/** Asks before a destructive action. Focus starts on "Cancel", so Enter alone never destroys. */
export function ConfirmDialog({ open, onClose, title, text, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={text}>
      <ConfirmActions onClose={onClose} {...rest} />
    </Dialog>
  )
}

function ConfirmActions({ onClose, confirmLabel, busyLabel, onConfirm, errors }: Omit<Props, 'open' | 'title' | 'text'>) {
  const { t, message } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function confirm() {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
    } catch (e) {
      setError(describeError(e, errors))
      setBusy(false)
    }
  }

  return (
    <>
      {error && <Notice tone="error">{message(error)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose} data-autofocus="">
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy} aria-busy={busy || undefined}>
          {busy && <Spinner />}
          <span>{busy ? busyLabel : confirmLabel}</span>
        </button>
      </div>
    </>
  )
}
