import { useState } from 'react'
import type { NetworkDetail, ParticipantView, WorkshopView } from '../../../shared/api'
import { FUNDED_CAPS } from '../../../shared/workshops'
import { endpoints } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { GuestLinkDialog } from './GuestLinkDialog'
import { ParticipantForm } from './ParticipantForm'

/** Who takes part, who the secretariat funds (against its caps), and, for the secretariat, adding, removing, and guests' invitation links. */
export function ParticipantsSection({
  workshop,
  network,
  onChanged,
}: {
  workshop: WorkshopView
  network: NetworkDetail | null
  onChanged: (w: WorkshopView) => void
}) {
  const { t } = useI18n()
  const [notice, setNotice] = useState<string | null>(null)
  const [removing, setRemoving] = useState<ParticipantView | null>(null)
  const [confirmOpen, setConfirmOpen] = useState(false)
  // Someone without an account, whose invitation link is being made.
  const [linking, setLinking] = useState<ParticipantView | null>(null)
  const manages = workshop.allowed.manageParticipants

  return (
    <section className="space-section" aria-labelledby="participants-title">
      <div className="section-head">
        <h2 id="participants-title">{t('workshop.participants')}</h2>
      </div>
      <p className="funded-counts">
        {t('workshop.fundedCounts', {
          experts: workshop.funded.experts,
          maxExperts: FUNDED_CAPS.experts,
          advisory: workshop.funded.advisory,
          maxAdvisory: FUNDED_CAPS.advisory,
        })}
      </p>
      {notice && <Notice tone="success">{notice}</Notice>}
      {workshop.participants.length === 0 ? (
        <p className="empty-line">{t(manages ? 'workshop.noParticipantsManage' : 'workshop.noParticipants')}</p>
      ) : (
        <ul className="participant-list">
          {workshop.participants.map((p) => (
            <li key={p.id} className="participant">
              <span className="participant-name">{p.name}</span>
              <span className="muted">{[t(`workshop.kind.${p.kind}`), p.city?.name].filter(Boolean).join(' · ')}</span>
              <span className={p.funded ? 'badge badge-funded' : 'badge'}>{t(p.funded ? 'workshop.funded' : 'workshop.ownCost')}</span>
              {manages && p.userId === null && (
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={t('workshopAccess.guestLink.buttonNamed', { name: p.name })}
                  onClick={() => {
                    setLinking(p)
                    setNotice(null)
                  }}
                >
                  {t('workshopAccess.guestLink.button')}
                </button>
              )}
              {manages && (
                <button
                  type="button"
                  className="button button-quiet-danger button-small"
                  aria-label={t('workshop.removeNamed', { name: p.name })}
                  onClick={() => {
                    setRemoving(p)
                    setConfirmOpen(true)
                    setNotice(null)
                  }}
                >
                  {t('workshop.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manages && network && (
        <ParticipantForm
          workshop={workshop}
          network={network}
          onAdded={(w, name) => {
            onChanged(w)
            setNotice(t('workshop.added', { name }))
          }}
        />
      )}
      {linking && <GuestLinkDialog workshopId={workshop.id} participant={linking} open onClose={() => setLinking(null)} />}
      {removing && (
        <ConfirmDialog
          open={confirmOpen}
          onClose={() => setConfirmOpen(false)}
          title={t('workshop.removeTitle', { name: removing.name })}
          text={t('workshop.removeText')}
          confirmLabel={t('workshop.remove')}
          busyLabel={t('workshop.removing')}
          onConfirm={async () => {
            await endpoints.removeParticipant(workshop.id, removing.id)
            onChanged(await endpoints.workshop(workshop.id))
            setConfirmOpen(false)
            setNotice(t('workshop.removed', { name: removing.name }))
          }}
        />
      )}
    </section>
  )
}
