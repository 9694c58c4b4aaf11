import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import type { CityOnboarding, DocumentSummary } from '../../../shared/api'
import { OBJECTIVES, type OnboardingItemKey } from '../../../shared/onboarding'
import { endpoints, isApiError } from '../api'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { formatDay, formatNumber } from '../lib/format'
import { Notice } from './ui'

/**
 * A city's onboarding in the network, under its card: "4/6 objectifs · contrat signé · premier
 * virement en attente", late paperwork flagged, and the checklist — ticked by the secretariat and
 * the city's team, read by everyone else who sees the network. Under it, the secretariat's visit
 * and its report: started and opened by those who may read it (the city's space), unseen by others.
 */
export function OnboardingChecklist({ networkId, onboarding: loaded }: { networkId: string; onboarding: CityOnboarding }) {
  const { t, message, locale } = useI18n()
  const [onboarding, setOnboarding] = useState(loaded)
  const [error, setError] = useState<Message | null>(null)
  const [busy, setBusy] = useState<OnboardingItemKey | 'report' | null>(null)
  const navigate = useNavigate()
  useEffect(() => setOnboarding(loaded), [loaded])
  const done = (key: OnboardingItemKey) => onboarding.items.find((i) => i.key === key)!.done

  // The box shows the tick at once; the server's answer (or the state before, on a refusal) follows.
  const toggle = (key: OnboardingItemKey, value: boolean) => {
    setBusy(key)
    setError(null)
    setOnboarding((o) => ({ ...o, items: o.items.map((i) => (i.key === key ? { ...i, done: value } : i)) }))
    endpoints
      .tickOnboarding(networkId, onboarding.city.id, key, { done: value })
      .then(setOnboarding, (err: unknown) => {
        setOnboarding(loaded)
        setError(describeError(err))
      })
      .finally(() => setBusy(null))
  }

  const open = (document: Pick<DocumentSummary, 'id' | 'title'>) =>
    navigate(`/documents/${encodeURIComponent(document.id)}`, { state: { title: document.title } })
  const startReport = () => {
    setBusy('report')
    setError(null)
    endpoints
      .startVisitReport(networkId, onboarding.city.id)
      .then(
        open,
        // Someone started it meanwhile: theirs is the one to write in.
        (err: unknown) => (isApiError(err) && err.document ? open(err.document) : setError(describeError(err))),
      )
      .finally(() => setBusy(null))
  }
  const report = onboarding.visit.report

  return (
    <div className="onboarding">
      <p className="onboarding-summary">
        <strong>{t('onboarding.progress', { met: onboarding.objectivesMet, total: OBJECTIVES.length })}</strong>
        {' · '}
        {t(done('contract_signed') ? 'onboarding.contractDone' : 'onboarding.contractOpen')}
        {' · '}
        {t(done('first_transfer') ? 'onboarding.transferDone' : 'onboarding.transferOpen')}
      </p>
      {onboarding.paperworkLate && onboarding.paperworkOpenDays !== null && (
        <p className="paperwork-late">
          <span aria-hidden="true">⚠ </span>
          {t('onboarding.paperworkLate', { count: onboarding.paperworkOpenDays, formatted: formatNumber(onboarding.paperworkOpenDays, locale) })}
        </p>
      )}
      <details>
        <summary>{t('onboarding.checklist')}</summary>
        <ul className="onboarding-items">
          {onboarding.items.map((item) => (
            <li key={item.key}>
              <label>
                <input
                  type="checkbox"
                  checked={item.done}
                  disabled={!onboarding.allowed.tick || busy !== null}
                  onChange={(e) => toggle(item.key, e.target.checked)}
                />{' '}
                {t(`onboarding.items.${item.key}`)}
              </label>
              {item.done && item.doneAt && (
                <span className="muted">
                  {' '}
                  —{' '}
                  {item.doneBy
                    ? t('onboarding.doneBy', { name: item.doneBy.name, date: formatDay(item.doneAt.slice(0, 10), locale) })
                    : formatDay(item.doneAt.slice(0, 10), locale)}
                </span>
              )}
              {item.note && <p className="timeline-message">{item.note}</p>}
            </li>
          ))}
        </ul>
        <p className="muted">
          {onboarding.visit.heldOn
            ? t('onboarding.visitHeld', { date: formatDay(onboarding.visit.heldOn, locale) })
            : onboarding.visit.plannedOn
              ? t('onboarding.visitPlanned', { date: formatDay(onboarding.visit.plannedOn, locale) })
              : t('onboarding.visitNone')}
        </p>
        {report ? (
          <Link className="button button-secondary button-small" to={`/documents/${encodeURIComponent(report.id)}`} state={{ title: report.title }}>
            {t('visitReport.open')}
          </Link>
        ) : (
          onboarding.allowed.startReport && (
            <button type="button" className="button button-secondary button-small" disabled={busy !== null} onClick={startReport}>
              {t(busy === 'report' ? 'visitReport.starting' : 'visitReport.start')}
            </button>
          )
        )}
      </details>
      {error && <Notice tone="error">{message(error)}</Notice>}
    </div>
  )
}
