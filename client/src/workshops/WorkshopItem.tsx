import { Link } from 'react-router'
import type { WorkshopView } from '../../../shared/api'
import type { WorkshopPhase } from '../../../shared/workshops'
import { useI18n } from '../i18n/useI18n'
import './workshops.css'
import { deliverablesProgress, formatDays } from './workshops-logic'

/** A workshop in a list: its title, where it stands, its days and place, and once over, its deliverables' progress. */
export function WorkshopItem({ workshop, phase, network }: { workshop: WorkshopView; phase: WorkshopPhase; network?: string }) {
  const { t, locale } = useI18n()
  const progress = deliverablesProgress(workshop)
  return (
    <li className="workshop-item">
      <Link to={`/workshops/${encodeURIComponent(workshop.id)}`} className="workshop-item-title">
        {workshop.title}
      </Link>
      <span className={`workshop-phase workshop-phase-${phase}`}>{t(`workshops.phase.${phase}`)}</span>
      <p className="muted">
        {[
          formatDays(workshop.startsOn, workshop.endsOn, locale),
          workshop.place,
          workshop.host && t('workshops.hostedBy', { city: workshop.host.name }),
          network,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {phase === 'past' && <p>{t('workshops.progress', { count: progress.validated, total: progress.total })}</p>}
    </li>
  )
}
