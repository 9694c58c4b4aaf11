import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { NetworkDetail } from '../../../shared/api'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { useLoad } from '../lib/useLoad'
import './workshops.css'
import { WorkshopDialog } from './WorkshopDialog'
import { WorkshopItem } from './WorkshopItem'
import { localToday, sortWorkshops } from './workshops-logic'

/** The network's international workshops on its screen: under way and upcoming first, and "Organiser un atelier". */
export function WorkshopsSection({ network }: { network: NetworkDetail }) {
  const { t, message } = useI18n()
  const navigate = useNavigate()
  const workshops = useLoad((signal) => endpoints.networkWorkshops(network.id, { signal }), network.id)
  const [open, setOpen] = useState(false)
  const [mounted, setMounted] = useState(false)
  const organises = network.allowed.includes('organise_workshop')
  const listed = workshops.data ? sortWorkshops(workshops.data.workshops, localToday()) : []

  return (
    <section className="space-section" aria-labelledby="workshops-title">
      <div className="section-head">
        <h2 id="workshops-title">{t('workshops.section')}</h2>
        {organises && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setMounted(true)
              setOpen(true)
            }}
          >
            <span aria-hidden="true">+</span> {t('workshops.organise')}
          </button>
        )}
      </div>
      {workshops.status === 'error' && <Notice tone="error">{message(describeError(workshops.error))}</Notice>}
      {workshops.data &&
        (listed.length === 0 ? (
          <div className="empty-line">
            <p>{t('workshops.empty')}</p>
            <p className="muted">{t(organises ? 'workshops.emptyOrganise' : 'workshops.emptyHint')}</p>
          </div>
        ) : (
          <ul className="workshop-list">
            {listed.map(({ workshop, phase }) => (
              <WorkshopItem key={workshop.id} workshop={workshop} phase={phase} />
            ))}
          </ul>
        ))}
      {mounted && (
        <WorkshopDialog
          networkId={network.id}
          memberships={network.memberships}
          open={open}
          onClose={() => setOpen(false)}
          onSaved={(workshop) => navigate(`/workshops/${encodeURIComponent(workshop.id)}`, { state: { created: true } })}
        />
      )}
    </section>
  )
}
