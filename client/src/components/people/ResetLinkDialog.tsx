import type { PersonView } from '../../../../shared/api'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import { Dialog } from '../Dialog'
import { LinkFlow } from '../LinkFlow'

/** Makes a password-reset link for someone who lost theirs; the secretariat passes it on. */
export function ResetLinkDialog({ user, open, onClose }: { user: PersonView['user']; open: boolean; onClose: () => void }) {
  const { t } = useI18n()
  const description = user.email ? t('resetLink.description', { name: user.name, email: user.email }) : t('resetLink.descriptionNoEmail', { name: user.name })
  return (
    <Dialog open={open} onClose={onClose} title={t('resetLink.title')} description={description}>
      <LinkFlow
        make={() => endpoints.passwordResetLink(user.id)}
        texts={{
          text: t('resetLink.text'),
          ready: t('resetLink.ready', { name: user.name }),
          link: t('resetLink.link'),
          create: t('resetLink.create'),
          creating: t('resetLink.creating'),
        }}
        onClose={onClose}
      />
    </Dialog>
  )
}
