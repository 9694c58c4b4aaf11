import { MEMBERSHIP_KINDS, type MembershipKind } from '../../../../shared/domain'
import type { Message } from '../../i18n/types'
import { useI18n } from '../../i18n/useI18n'
import { RadioGroup } from '../ui'

/** Pilot or member, each with what it means; names the current pilot when there is one. */
export function MembershipKindField({
  value,
  onChange,
  pilotName,
  error,
  autoFocus,
}: {
  value: MembershipKind
  onChange: (kind: MembershipKind) => void
  /** The network's pilot city other than this one, if any: a network has only one. */
  pilotName: string | null
  error?: Message
  autoFocus?: boolean
}) {
  const { t } = useI18n()
  return (
    <RadioGroup
      legend={t('membership.kind')}
      name="kind"
      value={value}
      onChange={onChange}
      error={error}
      autoFocus={autoFocus}
      options={MEMBERSHIP_KINDS.map((kind) => ({
        value: kind,
        label: t(`membership.${kind}`),
        description: kind === 'pilot' && pilotName ? t('membership.pilotTaken', { city: pilotName }) : t(`membership.${kind}Help`),
      }))}
    />
  )
}
