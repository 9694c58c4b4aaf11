import { useState } from 'react'
import { Link, useParams } from 'react-router'
import type { MeResponse, MembershipView, NetworkDetail, SpaceSummary } from '../../../shared/api'
import { can } from '../../../shared/policy'
import { endpoints } from '../api'
import { useSession } from '../app/session'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { DocumentsSection } from '../components/DocumentsSection'
import { MembershipList } from '../components/MembershipList'
import { PeopleSection } from '../components/people/PeopleSection'
import { AddCityDialog } from '../components/secretariat/AddCityDialog'
import { EditMembershipDialog } from '../components/secretariat/EditMembershipDialog'
import { EditNetworkDialog } from '../components/secretariat/EditNetworkDialog'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { assignScopes, grantScopes } from '../lib/grants'
import { SpaceLoadError } from '../components/SpaceLoadError'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { WorkshopsSection } from '../workshops/WorkshopsSection'
import { OutboxSection } from '../mail/OutboxSection'

type Open =
  | { kind: 'edit-network' }
  | { kind: 'add-city' }
  | { kind: 'edit-membership'; membership: MembershipView }
  | { kind: 'remove-city'; membership: MembershipView }

/** /networks/:id — a network: its theme, its cities and their dates, its people, its documents. */
export function Component() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const { me } = useSession()
  const network = useLoad((signal) => endpoints.network(id, { signal }), id)
  useDocumentTitle(network.data?.name ?? t('network.title'))

  if (!me) return null
  if (network.status === 'error' && !network.data) {
    const messages = { forbidden: 'network.forbidden', not_found: 'network.notFound' } as const
    return <SpaceLoadError titleId="network-title" title={t('network.title')} error={network.error} messages={messages} onRetry={network.reload} />
  }
  if (!network.data) return <Loading label={t('app.loading')} />
  return <Network me={me} network={network.data} reload={network.reload} replace={network.replace} />
}

function Network({ me, network, reload, replace }: { me: MeResponse; network: NetworkDetail; reload: () => void; replace: (detail: NetworkDetail) => void }) {
  const { t } = useI18n()
  const { refresh } = useSession()
  const [notice, setNotice] = useState<string | null>(null)
  // Kept after closing: the <dialog> stays mounted to close itself and give focus back to its button.
  const [dialog, setDialog] = useState<Open | null>(null)
  const [open, setOpen] = useState(false)
  const manages = network.allowed.includes('manage_members')
  // Refreshed with the network: a city added or removed changes the checklists.
  const onboarding = useLoad((signal) => endpoints.onboarding(network.id, { signal }), `${network.id}:${network.memberships.length}`)
  const space: SpaceSummary = { type: 'network', id: network.id, name: network.name }
  // Those who invite in the network hand out roles here, in it and its cities. A city team
  // brings in its colleagues from its own city's screen, not from the network's.
  const spaces = [space, ...network.memberships.map((m): SpaceSummary => ({ type: 'city', id: m.city.id, name: m.city.name }))]
  const scopes = network.allowed.includes('invite') ? grantScopes(me.actor, spaces) : []

  const show = (d: Open) => {
    setDialog(d)
    setOpen(true)
    setNotice(null)
  }
  const close = () => setOpen(false)
  /**
   * After a change: say what happened and show the network as it is now (the server's answer,
   * or asked again), and refresh what the session knows (cities joining change the policy's view).
   */
  const changed = (text: string, detail?: NetworkDetail) => {
    close()
    setNotice(text)
    if (detail) replace(detail)
    else reload()
    void refresh()
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/">{t('common.backHome')}</Link>
      </p>
      <header className="space-header">
        <p className="space-type">{t('spaces.network')}</p>
        <div className="space-title">
          <h1>{network.name}</h1>
          <span className={`status status-${network.status}`}>{t(`networkStatus.${network.status}`)}</span>
        </div>
        {network.theme && (
          <p className="space-theme">
            <span className="muted">{t('network.themeLabel')}</span> {network.theme}
          </p>
        )}
        {network.description && <p className="space-description">{network.description}</p>}
        {(manages || network.allowed.includes('view_dashboard')) && (
          <p className="actions">
            {network.allowed.includes('view_dashboard') && (
              <Link className="button" to={`/networks/${encodeURIComponent(network.id)}/dashboard`}>
                {t('dashboard.open')}
              </Link>
            )}
            {manages && (
              <button type="button" className="button button-quiet" onClick={() => show({ kind: 'edit-network' })}>
                {t('network.edit')}
              </button>
            )}
          </p>
        )}
      </header>

      {notice && <Notice tone="success">{notice}</Notice>}

      <section className="space-section" aria-labelledby="cities-title">
        <div className="section-head">
          <h2 id="cities-title">{t('network.cities')}</h2>
          {manages && (
            <button type="button" className="button button-secondary" onClick={() => show({ kind: 'add-city' })}>
              <span aria-hidden="true">+</span> {t('network.addCity')}
            </button>
          )}
        </div>
        {network.memberships.length > 0 ? (
          <MembershipList
            memberships={network.memberships}
            canOpen={(cityId) => can(me.actor, 'read', { type: 'city', id: cityId })}
            onEdit={manages ? (membership) => show({ kind: 'edit-membership', membership }) : undefined}
            onRemove={manages ? (membership) => show({ kind: 'remove-city', membership }) : undefined}
            onboarding={onboarding.data ? { networkId: network.id, data: onboarding.data } : undefined}
          />
        ) : (
          <p className="empty-line">{manages ? t('network.noCitiesManage') : t('network.noCities')}</p>
        )}
      </section>

      <WorkshopsSection network={network} />

      <PeopleSection
        me={me}
        people={network.people}
        memberships={network.memberships}
        scopes={scopes}
        assignScopes={assignScopes(me.actor, spaces)}
        emptyText={{ canInvite: t('people.noneInvite'), cannot: t('people.none') }}
        onChanged={changed}
      />

      <DocumentsSection
        space={space}
        title={t('network.documents')}
        documents={network.documents}
        allowed={network.allowed}
        onCreated={(document) => changed(t('home.created', { title: document.title }))}
      />

      {manages && <OutboxSection networkId={network.id} />}

      {dialog?.kind === 'edit-network' && (
        <EditNetworkDialog network={network} open={open} onClose={close} onSaved={(detail) => changed(t('network.saved'), detail)} />
      )}
      {dialog?.kind === 'add-city' && (
        <AddCityDialog network={network} open={open} onClose={close} onAdded={(detail, city) => changed(t('network.cityAdded', { city }), detail)} />
      )}
      {dialog?.kind === 'edit-membership' && (
        <EditMembershipDialog
          network={network}
          membership={dialog.membership}
          open={open}
          onClose={close}
          onSaved={(detail) => changed(t('network.membershipSaved', { city: dialog.membership.city.name }), detail)}
        />
      )}
      {dialog?.kind === 'remove-city' && (
        <ConfirmDialog
          open={open}
          onClose={close}
          title={t('removeCity.title', { city: dialog.membership.city.name })}
          text={t('removeCity.text', { city: dialog.membership.city.name })}
          confirmLabel={t('removeCity.confirm')}
          busyLabel={t('removeCity.busy')}
          onConfirm={async () => {
            await endpoints.removeCity(network.id, dialog.membership.city.id)
            changed(t('network.cityRemoved', { city: dialog.membership.city.name }))
          }}
        />
      )}
    </div>
  )
}
