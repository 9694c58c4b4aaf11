import { useState } from 'react'
import { endpoints } from '../api'
import { Dialog } from '../components/Dialog'
import { Field, Notice, SubmitButton } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'

type Props = {
  open: boolean
  onClose: () => void
  title: string
  description: string
  submitLabel: string
  initial?: string
  /** Saves; the caller closes the dialog when it worked. A throw is shown in the dialog. */
  onSubmit: (name: string) => Promise<void>
}

/** Naming a version: saving the document as "V1 — avant expérimentation", or renaming one. */
export function VersionNameDialog({ open, onClose, title, description, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <NameForm onClose={onClose} {...rest} />
    </Dialog>
  )
}

function NameForm({ onClose, submitLabel, initial = '', onSubmit }: Omit<Props, 'open' | 'title' | 'description'>) {
  const { t, message } = useI18n()
  const [name, setName] = useState(initial)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function submit() {
    if (!name.trim()) return setError({ key: 'validation.required' })
    setBusy(true)
    setError(null)
    try {
      await onSubmit(name.trim())
    } catch (e) {
      setError(describeError(e))
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <Field
        name="version-name"
        label={t('versions.nameLabel')}
        hint={t('versions.nameHint')}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
        data-autofocus=""
      />
      {error && <Notice tone="error">{message(error)}</Notice>}
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={busy} label={submitLabel} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}

/** "Save a version": names the document's current state and stores it; `onSaved` gets the name. */
export function SaveVersionDialog({
  documentId,
  open,
  onClose,
  onSaved,
}: {
  documentId: string
  open: boolean
  onClose: () => void
  onSaved: (name: string) => void
}) {
  const { t } = useI18n()
  return (
    <VersionNameDialog
      open={open}
      onClose={onClose}
      title={t('versions.saveTitle')}
      description={t('versions.saveText')}
      submitLabel={t('versions.saveConfirm')}
      onSubmit={async (name) => {
        await endpoints.saveVersion(documentId, { name })
        onSaved(name)
      }}
    />
  )
}
