import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import type { WorkshopView } from '../../../shared/api'
import { workshopPhase } from '../../../shared/workshops'
import { endpoints } from '../api'
import { SpaceLoadError } from '../components/SpaceLoadError'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { PracticesLinks } from '../practices/PracticesLinks'
import './workshops.css'
import { LiveBoard } from './LiveBoard'
import { ParticipantsSection } from './ParticipantsSection'
import { WorkshopDialog } from './WorkshopDialog'
import { formatDays, localToday } from './workshops-logic'

/** /workshops/:id — an international workshop: its days and place, the live board of its documents, who takes part. */
export function Component() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const workshop = useLoad((signal) => endpoints.workshop(id, { signal }), id)
  useDocumentTitle(workshop.data ? t('workshop.pageTitle', { title: workshop.data.title }) : t('workshop.type'))

  if (workshop.status === 'error' && !workshop.data) {
    const messages = { forbidden: 'workshop.forbidden', not_found: 'workshop.notFound' } as const
    return <SpaceLoadError titleId="workshop-title" title={t('workshop.type')} error={workshop.error} messages={messages} onRetry={workshop.reload} />
  }
  if (!workshop.data) return <Loading label={t('app.loading')} />
  return <Workshop workshop={workshop.data} replace={workshop.replace} />
}

function Workshop({ workshop, replace }: { workshop: WorkshopView; replace: (w: WorkshopView) => void }) {
  const { t, locale } = useI18n()
  const location = useLocation()
  const [notice, setNotice] = useState<string | null>((location.state as { created?: boolean } | null)?.created ? t('workshops.created') : null)
  const [editing, setEditing] = useState(false)
  const [mounted, setMounted] = useState(false)
  // The network's cities and people feed the forms; only those who organise or manage need them.
  const organiser = workshop.allowed.organise || workshop.allowed.manageParticipants
  const network = useLoad(
    (signal) => (organiser ? endpoints.network(workshop.networkId, { signal }) : Promise.resolve(null)),
    `${workshop.networkId}:${organiser}`,
  )
  const phase = workshopPhase(localToday(), workshop)

  return (
    <div className="page page-workshop">
      <p className="breadcrumb">
        {network.data ? (
          <Link to={`/networks/${encodeURIComponent(workshop.networkId)}`}>{t('workshop.back', { name: network.data.name })}</Link>
        ) : (
          <Link to="/">{t('common.backHome')}</Link>
        )}
      </p>
      <header className="space-header">
        <p className="space-type">{t('workshop.type')}</p>
        <div className="space-title">
          <h1 id="workshop-title">{workshop.title}</h1>
          <span className={`workshop-phase workshop-phase-${phase}`}>{t(`workshops.phase.${phase}`)}</span>
        </div>
        <p className="space-facts">
          {[formatDays(workshop.startsOn, workshop.endsOn, locale), workshop.place, workshop.host && t('workshops.hostedBy', { city: workshop.host.name })]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {workshop.objectives.length > 0 && (
          <details className="objectives-list" open={phase !== 'past'}>
            <summary>{t('workshop.objectives', { count: workshop.objectives.length })}</summary>
            <ul>
              {workshop.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </details>
        )}
        {/* Day 2 identifies good practices: those already published on the network's theme. */}
        <PracticesLinks themes={[workshop.networkTheme]} />
        {workshop.allowed.organise && network.data && (
          <p className="actions">
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setMounted(true)
                setEditing(true)
                setNotice(null)
              }}
            >
              {t('workshop.edit')}
            </button>
          </p>
        )}
      </header>
      {notice && <Notice tone="success">{notice}</Notice>}
      <LiveBoard workshop={workshop} phase={phase} />
      <ParticipantsSection workshop={workshop} network={network.data ?? null} onChanged={replace} />
      {mounted && network.data && (
        <WorkshopDialog
          networkId={workshop.networkId}
          memberships={network.data.memberships}
          workshop={workshop}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(w) => {
            setEditing(false)
            replace(w)
            setNotice(t('workshop.saved'))
          }}
        />
      )}
    </div>
  )
}
