import { useState } from 'react'
import type { LinkResponse, ParticipantView } from '../../../shared/api'
import { GUEST_LINK_DAYS } from '../../../shared/workshops'
import { endpoints } from '../api'
import { CopyLink } from '../components/CopyLink'
import { Dialog } from '../components/Dialog'
import { Notice, Spinner } from '../components/ui'
import type { Message } from '../i18n/types'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'

/** Makes the invitation link of someone taking part without an account: it opens the workshop's documents, and gives no role. */
export function GuestLinkDialog({
  workshopId,
  participant,
  open,
  onClose,
}: {
  workshopId: string
  participant: ParticipantView
  open: boolean
  onClose: () => void
}) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('workshopAccess.guestLink.title', { name: participant.name })}>
      <GuestLinkFlow workshopId={workshopId} participant={participant} onClose={onClose} />
    </Dialog>
  )
}

function GuestLinkFlow({ workshopId, participant, onClose }: { workshopId: string; participant: ParticipantView; onClose: () => void }) {
  const { t, message } = useI18n()
  const [link, setLink] = useState<LinkResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function create() {
    setBusy(true)
    setError(null)
    try {
      setLink(await endpoints.participantInvitation(workshopId, participant.id))
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  if (link) {
    return (
      <div className="form">
        <Notice tone="success">{t('workshopAccess.guestLink.ready', { name: participant.name })}</Notice>
        <CopyLink link={link} label={t('workshopAccess.guestLink.link')} />
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
      <p>{t('workshopAccess.guestLink.text', { days: GUEST_LINK_DAYS })}</p>
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void create()} disabled={busy} aria-busy={busy || undefined} data-autofocus="">
          {busy && <Spinner />}
          <span>{busy ? t('workshopAccess.guestLink.creating') : t('workshopAccess.guestLink.create')}</span>
        </button>
      </div>
    </div>
  )
}
