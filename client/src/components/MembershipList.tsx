import { Link } from 'react-router'
import type { MembershipView, NetworkOnboarding } from '../../../shared/api'
import { useI18n } from '../i18n/useI18n'
import { formatDay, formatNumber } from '../lib/format'
import { MEMBERSHIP_DATES, membershipGap } from '../lib/memberships'
import { spacePath } from '../lib/roles'
import { OnboardingChecklist } from './OnboardingChecklist'

/**
 * The network's cities, pilot first: their place, their three dates, and the gap between
 * selection and start, flagged when it grows long (the seeds' lesson).
 */
export function MembershipList({
  memberships,
  canOpen,
  onEdit,
  onRemove,
  onboarding,
}: {
  memberships: readonly MembershipView[]
  /** Each city's onboarding, once loaded. */
  onboarding?: { networkId: string; data: NetworkOnboarding }
  /** Whether the signed-in person may open a city's own space (it is private to its team). */
  canOpen: (cityId: string) => boolean
  /** Present only for those who manage the network's members. */
  onEdit?: (membership: MembershipView) => void
  onRemove?: (membership: MembershipView) => void
}) {
  const { t, locale } = useI18n()
  return (
    <ul className="membership-list">
      {memberships.map((m) => {
        const gap = membershipGap(m)
        const headingId = `city-${m.city.id}`
        return (
          <li key={m.city.id} className={`card membership membership-${m.kind}`}>
            <div className="membership-head">
              <h3 id={headingId}>{canOpen(m.city.id) ? <Link to={spacePath({ type: 'city', id: m.city.id })}>{m.city.name}</Link> : m.city.name}</h3>
              <span className={`badge badge-${m.kind}`}>{t(`membership.${m.kind}`)}</span>
            </div>
            {m.city.country && <p className="muted">{m.city.country}</p>}
            <dl className="membership-dates">
              {MEMBERSHIP_DATES.map((key) => (
                <div key={key}>
                  <dt>{t(`membership.${key}`)}</dt>
                  <dd>{m[key] ? <time dateTime={m[key]}>{formatDay(m[key], locale)}</time> : <span className="muted">{t('membership.noDate')}</span>}</dd>
                </div>
              ))}
            </dl>
            {gap && (
              <p className={gap.long ? 'gap gap-long' : 'gap'}>
                {gap.long && <span aria-hidden="true">⚠ </span>}
                {t(gap.started ? 'membership.gapStarted' : 'membership.gapWaiting', { count: gap.days, formatted: formatNumber(gap.days, locale) })}
                {gap.long && !gap.started && <> {t('membership.gapWarning')}</>}
              </p>
            )}
            {onboarding?.data.cities.some((c) => c.city.id === m.city.id) && (
              <OnboardingChecklist networkId={onboarding.networkId} onboarding={onboarding.data.cities.find((c) => c.city.id === m.city.id)!} />
            )}
            {(onEdit || onRemove) && (
              <div className="membership-actions">
                {onEdit && (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => onEdit(m)}
                    aria-label={t('membership.editLabel', { city: m.city.name })}
                  >
                    {t('membership.edit')}
                  </button>
                )}
                {onRemove && (
                  <button
                    type="button"
                    className="button button-quiet button-small button-quiet-danger"
                    onClick={() => onRemove(m)}
                    aria-label={t('membership.removeLabel', { city: m.city.name })}
                  >
                    {t('membership.remove')}
                  </button>
                )}
              </div>
            )}
          </li>
        )
      })}
    </ul>
  )
}
