import { useState } from 'react'
import type { LinkResponse, PersonView } from '../../../../shared/api'
import { endpoints } from '../../api'
import type { Message } from '../../i18n/types'
import { useI18n } from '../../i18n/useI18n'
import { describeError } from '../../lib/errors'
import { CopyLink } from '../CopyLink'
import { Dialog } from '../Dialog'
import { Notice, Spinner } from '../ui'

/** Makes a password-reset link for someone who lost theirs; the secretariat passes it on. */
export function ResetLinkDialog({ user, open, onClose }: { user: PersonView['user']; open: boolean; onClose: () => void }) {
  const { t } = useI18n()
  const description = user.email ? t('resetLink.description', { name: user.name, email: user.email }) : t('resetLink.descriptionNoEmail', { name: user.name })
  return (
    <Dialog open={open} onClose={onClose} title={t('resetLink.title')} description={description}>
      <ResetLinkFlow user={user} onClose={onClose} />
    </Dialog>
  )
}

function ResetLinkFlow({ user, onClose }: { user: PersonView['user']; onClose: () => void }) {
  const { t, message } = useI18n()
  const [link, setLink] = useState<LinkResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function create() {
    setBusy(true)
    setError(null)
    try {
      setLink(await endpoints.passwordResetLink(user.id))
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  if (link) {
    return (
      <div className="form">
        <Notice tone="success">{t('resetLink.ready', { name: user.name })}</Notice>
        <CopyLink link={link} label={t('resetLink.link')} />
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
      <p>{t('resetLink.text')}</p>
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} aria-busy={busy || undefined} data-autofocus="">
          {busy && <Spinner />}
          <span>{busy ? t('resetLink.creating') : t('resetLink.create')}</span>
        </button>
      </div>
    </div>
  )
}
