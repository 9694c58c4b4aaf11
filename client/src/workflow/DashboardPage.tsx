import { Link, useParams } from 'react-router'
import type { DashboardCity, DashboardDocument, DashboardWorkshop } from '../../../shared/api'
import { TEMPLATES } from '../../../shared/templates'
import { endpoints } from '../api'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { formatDateTime } from '../lib/format'
import { membershipGap } from '../lib/memberships'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { formatDays } from '../workshops/workshops-logic'
import { ReportForm } from './ReportForm'
import { StageBadge } from './StageBadge'

/**
 * /networks/:id/dashboard — "Où en sont les villes ?": one row per city (its action plan's stage
 * and version, last activity, open comments, due and overdue items, the wait before starting),
 * then the network's own deliverables. The secretariat's screen; the funder sees it too.
 */
export function Component() {
  const { id = '' } = useParams()
  const { t, message } = useI18n()
  const dashboard = useLoad((signal) => endpoints.dashboard(id, { signal }), id)
  const name = dashboard.data?.network.name ?? ''
  useDocumentTitle(t('dashboard.pageTitle', { name }))

  return (
    <section className="page page-dashboard" aria-labelledby="dashboard-title">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(id)}`}>{t('dashboard.back', { name })}</Link>
      </p>
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {dashboard.status === 'loading' && !dashboard.data && <Loading label={t('app.loading')} />}
      {dashboard.status === 'error' && <Notice tone="error">{message(describeError(dashboard.error))}</Notice>}
      {dashboard.data && (
        <>
          <p className="muted">{t('dashboard.intro', { name })}</p>
          {dashboard.data.cities.length === 0 ? (
            <p className="empty">{t('dashboard.noCities')}</p>
          ) : (
            // Wider than a phone, the table scrolls sideways in its box, which the keyboard can scroll too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to be scrolled without a mouse
            <section className="table-scroll" tabIndex={0} aria-label={t('dashboard.citiesCaption')}>
              <table className="dashboard">
                <caption className="visually-hidden">{t('dashboard.citiesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.city')}</th>
                    <th scope="col">{t('dashboard.plan')}</th>
                    <th scope="col">{t('dashboard.version')}</th>
                    <th scope="col">{t('dashboard.lastActivity')}</th>
                    <th scope="col">{t('dashboard.openComments')}</th>
                    <th scope="col">{t('dashboard.dueItems')}</th>
                    <th scope="col">{t('dashboard.onboarding')}</th>
                    <th scope="col">{t('localisation.dashboardColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.data.cities.map((city) => (
                    <CityRow key={city.membership.city.id} city={city} />
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <h2>{t('dashboard.networkDocuments')}</h2>
          {dashboard.data.documents.length === 0 ? (
            <p className="empty">{t('dashboard.noNetworkDocuments')}</p>
          ) : (
            <ul className="dashboard-documents">
              {dashboard.data.documents.map((d) => (
                <DeliverableItem key={d.id} document={d} />
              ))}
            </ul>
          )}
          <h2>{t('dashboard.workshops')}</h2>
          {dashboard.data.workshops.length === 0 ? (
            <p className="empty">{t('dashboard.noWorkshops')}</p>
          ) : (
            dashboard.data.workshops.map((w) => <WorkshopItem key={w.id} workshop={w} />)
          )}
          <ReportForm networkId={dashboard.data.network.id} />
        </>
      )}
    </section>
  )
}

function CityRow({ city }: { city: DashboardCity }) {
  const { t, locale } = useI18n()
  const gap = membershipGap(city.membership)
  const { plan } = city
  return (
    <tr>
      <th scope="row">
        {city.membership.city.name}
        {city.membership.kind === 'pilot' && <span className="badge badge-pilot">{t('dashboard.pilot')}</span>}
        {gap && !gap.started && <p className={gap.long ? 'gap gap-long' : 'gap'}>{t('dashboard.waiting', { count: gap.days })}</p>}
      </th>
      <td>
        {plan ? (
          <>
            <Link to={`/documents/${encodeURIComponent(plan.id)}`}>{plan.title}</Link> <StageBadge document={plan} />
          </>
        ) : (
          <span className="muted">{t('dashboard.noPlan')}</span>
        )}
      </td>
      <td>{plan ? versionLabel(plan, t) : '—'}</td>
      <td>{city.lastActivity ? formatDateTime(city.lastActivity, locale) : '—'}</td>
      <td>{city.openComments}</td>
      <td>
        {city.overdue > 0 && <span className="due due-overdue">{t('dashboard.overdue', { count: city.overdue })}</span>}
        {city.overdue > 0 && city.due > 0 && ' · '}
        {city.due > 0 && <span className="due">{t('dashboard.due', { count: city.due })}</span>}
        {city.overdue === 0 && city.due === 0 && '—'}
      </td>
      <td>
        {t('dashboard.objectives', { met: city.onboarding.objectivesMet })}
        {city.onboarding.paperworkLate && <span className="due due-overdue"> · {t('dashboard.paperworkLate')}</span>}
      </td>
      <td className="cityworks-progress">
        {t('localisation.dashboardSteps', { done: city.localisation.done, total: city.localisation.total })}
        {city.localisation.inProgress > 0 && <span className="muted"> · {t('localisation.inProgress', { count: city.localisation.inProgress })}</span>}
      </td>
    </tr>
  )
}

type T = ReturnType<typeof useI18n>['t']

/** "V2 soumise · V1 validée", or nothing submitted yet. */
function versionLabel(d: DashboardDocument, t: T): string {
  if (d.lastNumber === null) return t('dashboard.notSubmitted')
  const last = d.validatedNumber === d.lastNumber && d.stage === 'validated' ? null : t('dashboard.lastSubmitted', { number: d.lastNumber })
  const validated = d.validatedNumber === null ? null : t('dashboard.lastValidated', { number: d.validatedNumber })
  return [last, validated].filter(Boolean).join(' · ')
}

/** A workshop: its days, then its deliverables as the network's are shown, validated ones counted. */
function WorkshopItem({ workshop }: { workshop: DashboardWorkshop }) {
  const { t, locale } = useI18n()
  const validated = workshop.deliverables.filter((d) => d.stage === 'validated').length
  return (
    <section className="dashboard-workshop" aria-label={workshop.title}>
      <h3>
        <Link to={`/workshops/${encodeURIComponent(workshop.id)}`}>{workshop.title}</Link>
      </h3>
      <p className="muted">
        {[
          formatDays(workshop.startsOn, workshop.endsOn, locale),
          workshop.place,
          t('workshops.progress', { count: validated, total: workshop.deliverables.length }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <ul className="dashboard-documents">
        {workshop.deliverables.map((d) => (
          <DeliverableItem key={d.id} document={d} />
        ))}
      </ul>
    </section>
  )
}

function DeliverableItem({ document }: { document: DashboardDocument }) {
  const { t, locale } = useI18n()
  return (
    <li>
      <Link to={`/documents/${encodeURIComponent(document.id)}`}>{document.title}</Link>{' '}
      <span className="muted">{TEMPLATES[document.kind]?.title[locale] ?? document.kind}</span> <StageBadge document={document} />{' '}
      <span className="muted">{versionLabel(document, t)}</span>
    </li>
  )
}
