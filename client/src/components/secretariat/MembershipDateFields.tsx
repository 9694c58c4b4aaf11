import type { ChangeEvent } from 'react'
import type { Message } from '../../i18n/types'
import { useI18n } from '../../i18n/useI18n'
import { MEMBERSHIP_DATES, type MembershipDate } from '../../lib/memberships'
import { Field } from '../ui'

type Bound = { name: string; value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void; error?: Message }

/** Selected, confirmed, started: the dates that show how long a city waited. */
export function MembershipDateFields({ bind }: { bind: (name: MembershipDate) => Bound }) {
  const { t } = useI18n()
  return (
    <fieldset className="date-fields">
      <legend>{t('membership.dates')}</legend>
      <p className="field-hint">{t('membership.datesHint')}</p>
      <div className="date-fields-row">
        {MEMBERSHIP_DATES.map((key) => (
          <Field key={key} {...bind(key)} type="date" label={t(`membership.${key}`)} />
        ))}
      </div>
    </fieldset>
  )
}
