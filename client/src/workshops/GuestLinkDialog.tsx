import type { ParticipantView } from '../../../shared/api'
import { GUEST_LINK_DAYS } from '../../../shared/workshops'
import { endpoints } from '../api'
import { Dialog } from '../components/Dialog'
import { LinkFlow } from '../components/LinkFlow'
import { useI18n } from '../i18n/useI18n'

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
      <LinkFlow
        make={() => endpoints.participantInvitation(workshopId, participant.id)}
        texts={{
          text: t('workshopAccess.guestLink.text', { days: GUEST_LINK_DAYS }),
          ready: t('workshopAccess.guestLink.ready', { name: participant.name }),
          link: t('workshopAccess.guestLink.link'),
          create: t('workshopAccess.guestLink.create'),
          creating: t('workshopAccess.guestLink.creating'),
        }}
        onClose={onClose}
      />
    </Dialog>
  )
}
