import { useEffect, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import type { CitySummary, DocumentSummary, MeResponse, NetworkSummary, SpaceSummary } from '../../../shared/api'
import type { SpaceRole } from '../../../shared/domain'
import { endpoints } from '../api'
import { useSession } from '../app/session'
import { DocumentList } from '../components/DocumentList'
import { NewDocumentDialog } from '../components/NewDocumentDialog'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { groupDocumentsBySpace, type SpaceGroup } from '../lib/documents'
import { describeError } from '../lib/errors'
import { roleLabelKey, spacePath, spacePhraseKey } from '../lib/roles'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { HomeWorkshops } from '../workshops/HomeWorkshops'

type HomeNotice = { kind: 'welcome'; space: SpaceSummary } | { kind: 'created'; title: string }

function welcomeFrom(state: unknown): HomeNotice | null {
  const space = (state as { welcome?: SpaceSummary } | null)?.welcome
  return space && typeof space.name === 'string' ? { kind: 'welcome', space } : null
}

export function HomePage() {
  const { me } = useSession()
  // RequireAuth only renders this screen with a session.
  return me ? <Home me={me} /> : null
}

function Home({ me }: { me: MeResponse }) {
  const { t, message } = useI18n()
  const location = useLocation()
  const navigate = useNavigate()
  const documents = useLoad((signal) => endpoints.documents({ signal }), me.user.id)
  const workshops = useLoad((signal) => endpoints.myWorkshops({ signal }), me.user.id)
  const [notice, setNotice] = useState<HomeNotice | null>(() => welcomeFrom(location.state))
  const [dialogSpace, setDialogSpace] = useState<SpaceSummary | null>(null)
  const [dialogOpen, setDialogOpen] = useState(false)
  useDocumentTitle(t('home.title'))

  // Once the list shows, the editor (the heaviest part of the client) downloads while the list is
  // read: on a slow line, the document clicked next then opens without waiting for it.
  const listShown = documents.data !== undefined
  useEffect(() => {
    if (listShown) import('./DocumentPage').catch(() => {})
  }, [listShown])

  // The welcome after accepting an invitation is shown once, not again on reload.
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null })
  }, [location.state, location.pathname, navigate])

  const groups = groupDocumentsBySpace(me, documents.data ?? [])
  const hasSpaces = me.networks.length > 0 || me.cities.length > 0 || groups.length > 0
  // A guest of one workshop has no space, but has somewhere to go.
  const hasWorkshops = (workshops.data?.workshops.length ?? 0) > 0

  function openNewDocument(space: SpaceSummary) {
    setDialogSpace(space)
    setDialogOpen(true)
  }

  function onCreated(document: DocumentSummary) {
    setDialogOpen(false)
    setNotice({ kind: 'created', title: document.title })
    documents.reload()
  }

  return (
    <div className="page">
      <h1>{t('home.greeting', { name: me.user.name })}</h1>
      <p className="lead">{t('home.intro')}</p>

      {notice && (
        <Notice tone="success">
          {notice.kind === 'welcome'
            ? t('home.welcome', { space: t(spacePhraseKey(notice.space.type), { name: notice.space.name }) })
            : t('home.created', { title: notice.title })}
        </Notice>
      )}

      {workshops.data && <HomeWorkshops workshops={workshops.data} />}

      {!hasSpaces && !hasWorkshops && documents.status !== 'loading' && workshops.status !== 'loading' ? (
        <section className="card empty-state" aria-labelledby="no-spaces-title">
          <h2 id="no-spaces-title">{t('home.noSpacesTitle')}</h2>
          <p>{t('home.noSpaces')}</p>
        </section>
      ) : (
        hasSpaces && (
          <>
            {me.networks.length > 0 && (
              <section className="home-section" aria-labelledby="networks-title">
                <h2 id="networks-title">{t('home.networks')}</h2>
                <ul className="space-cards">
                  {me.networks.map((network) => (
                    <NetworkCard key={network.id} network={network} />
                  ))}
                </ul>
              </section>
            )}
            {me.cities.length > 0 && (
              <section className="home-section" aria-labelledby="cities-title">
                <h2 id="cities-title">{t('home.cities')}</h2>
                <ul className="space-cards">
                  {me.cities.map((city) => (
                    <CityCard key={city.id} city={city} />
                  ))}
                </ul>
              </section>
            )}
            <section className="home-section" aria-labelledby="documents-title">
              <h2 id="documents-title">{t('home.documents')}</h2>
              {documents.status === 'loading' && !documents.data && <Loading label={t('home.loadingDocuments')} />}
              {documents.status === 'error' && (
                <Notice tone="error">
                  {t('home.documentsError')} {message(describeError(documents.error))}{' '}
                  <button type="button" className="link-button" onClick={documents.reload}>
                    {t('common.retry')}
                  </button>
                </Notice>
              )}
              {groups.map((group) => (
                <SpaceDocuments key={`${group.space.type}:${group.space.id}`} group={group} loaded={documents.status === 'ready'} onNew={openNewDocument} />
              ))}
            </section>
          </>
        )
      )}

      {dialogSpace && <NewDocumentDialog space={dialogSpace} open={dialogOpen} onClose={() => setDialogOpen(false)} onCreated={onCreated} />}
    </div>
  )
}

function Roles({ roles }: { roles: readonly SpaceRole[] }) {
  const { t } = useI18n()
  if (roles.length === 0) return null
  return (
    <p className="roles">
      <span className="roles-label">{t('home.roles')}</span>{' '}
      {roles.map((role) => (
        <span key={role} className="badge">
          {t(roleLabelKey(role))}
        </span>
      ))}
    </p>
  )
}

function NetworkCard({ network }: { network: NetworkSummary }) {
  const { t } = useI18n()
  return (
    <li className="card space-card">
      <div className="space-card-head">
        <h3>
          <Link to={spacePath({ type: 'network', id: network.id })}>{network.name}</Link>
        </h3>
        <span className={`status status-${network.status}`}>{t(`networkStatus.${network.status}`)}</span>
      </div>
      {network.theme && <p className="muted">{t('home.theme', { theme: network.theme })}</p>}
      <Roles roles={network.roles} />
    </li>
  )
}

function CityCard({ city }: { city: CitySummary }) {
  return (
    <li className="card space-card">
      <div className="space-card-head">
        <h3>
          <Link to={spacePath({ type: 'city', id: city.id })}>{city.name}</Link>
        </h3>
      </div>
      {city.country && <p className="muted">{city.country}</p>}
      <Roles roles={city.roles} />
    </li>
  )
}

function SpaceDocuments({ group, loaded, onNew }: { group: SpaceGroup; loaded: boolean; onNew: (space: SpaceSummary) => void }) {
  const { t } = useI18n()
  const { space, documents } = group
  const canCreate = group.allowed.includes('create_document')
  const headingId = `space-${space.type}-${space.id}`
  return (
    <section className="space-documents" aria-labelledby={headingId}>
      <div className="space-documents-head">
        <h3 id={headingId}>
          <span className="space-type">{t(`spaces.${space.type}`)}</span> <Link to={spacePath(space)}>{space.name}</Link>
        </h3>
        {canCreate && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onNew(space)}
            aria-label={t('home.newDocumentIn', { space: t(spacePhraseKey(space.type), { name: space.name }) })}
          >
            <span aria-hidden="true">+</span> {t('home.newDocument')}
          </button>
        )}
      </div>
      {documents.length > 0 ? (
        <DocumentList documents={documents} />
      ) : (
        loaded && <p className="empty-line">{canCreate ? t('home.noDocumentsCreate') : t('home.noDocuments')}</p>
      )}
    </section>
  )
}
