import { useState } from 'react'
import { Link, useParams } from 'react-router'
import type { CityDetail, MeResponse, SpaceSummary } from '../../../shared/api'
import { can } from '../../../shared/policy'
import { endpoints } from '../api'
import { useSession } from '../app/session'
import { DocumentsSection } from '../components/DocumentsSection'
import { LocalisationTracker } from '../localisation/LocalisationTracker'
import { PeopleSection } from '../components/people/PeopleSection'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { assignScopes, grantScopes } from '../lib/grants'
import { formatList, languageName } from '../lib/languages'
import { spacePath } from '../lib/roles'
import { SpaceLoadError } from '../components/SpaceLoadError'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'

/** /cities/:id — a city's own space: its networks, its City WORKS tracker, its team and experts, its documents. */
export function Component() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const { me } = useSession()
  const city = useLoad((signal) => endpoints.city(id, { signal }), id)
  useDocumentTitle(city.data?.name ?? t('city.title'))

  if (!me) return null
  if (city.status === 'error' && !city.data) {
    const messages = { forbidden: 'city.forbidden', not_found: 'city.notFound' } as const
    return <SpaceLoadError titleId="city-title" title={t('city.title')} error={city.error} messages={messages} onRetry={city.reload} />
  }
  if (!city.data) return <Loading label={t('app.loading')} />
  return <City me={me} city={city.data} reload={city.reload} />
}

function City({ me, city, reload }: { me: MeResponse; city: CityDetail; reload: () => void }) {
  const { t, locale } = useI18n()
  const { refresh } = useSession()
  const [notice, setNotice] = useState<string | null>(null)
  const space: SpaceSummary = { type: 'city', id: city.id, name: city.name }
  const languages = city.languages.map((code) => languageName(code, locale))

  const changed = (text: string) => {
    setNotice(text)
    reload()
    void refresh()
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/">{t('common.backHome')}</Link>
      </p>
      <header className="space-header">
        <p className="space-type">{t('spaces.city')}</p>
        <div className="space-title">
          <h1>{city.name}</h1>
        </div>
        {(city.country || languages.length > 0) && (
          <dl className="space-facts">
            {city.country && (
              <div>
                <dt>{t('city.country')}</dt>
                <dd>{city.country}</dd>
              </div>
            )}
            {languages.length > 0 && (
              <div>
                <dt>{t('city.languages')}</dt>
                <dd>{formatList(languages, locale)}</dd>
              </div>
            )}
          </dl>
        )}
      </header>

      {notice && <Notice tone="success">{notice}</Notice>}

      <section className="space-section" aria-labelledby="networks-title">
        <div className="section-head">
          <h2 id="networks-title">{t('city.networks')}</h2>
        </div>
        {city.networks.length > 0 ? (
          <ul className="plain-list">
            {city.networks.map((n) => (
              <li key={n.id}>
                {can(me.actor, 'read', { type: 'network', id: n.id }) ? <Link to={spacePath({ type: 'network', id: n.id })}>{n.name}</Link> : n.name}{' '}
                <span className={`badge badge-${n.kind}`}>{t(`membership.${n.kind}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-line">{t('city.noNetworks')}</p>
        )}
      </section>

      <LocalisationTracker cityId={city.id} themes={city.networks.map((n) => n.theme)} />

      <PeopleSection
        me={me}
        people={city.people}
        scopes={grantScopes(me.actor, [space])}
        assignScopes={assignScopes(me.actor, [space])}
        emptyText={{ canInvite: t('city.noPeopleInvite'), cannot: t('city.noPeople') }}
        onChanged={changed}
      />

      <DocumentsSection
        space={space}
        title={t('city.documents')}
        documents={city.documents}
        allowed={city.allowed}
        onCreated={(document) => changed(t('home.created', { title: document.title }))}
      />
    </div>
  )
}
