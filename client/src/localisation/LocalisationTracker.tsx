import { useState } from 'react'
import type { CityLocalisation } from '../../../shared/api'
import { ADVICE, PHASES } from '../../../shared/localisation'
import { endpoints } from '../api'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { useLoad } from '../lib/useLoad'
import { PracticesLinks } from '../practices/PracticesLinks'
import { StepItem } from './StepItem'
import { SupportActivities } from './SupportActivities'
import './localisation.css'

/**
 * A city's City WORKS tracker, on its page: the three phases and their eight steps (status, lead,
 * days, linked documents, note, guiding questions on demand), then the support activities. Its
 * team, the experts it invited and the secretariat update it; other readers see it read-only.
 * The good practices on its networks' themes are one click away.
 */
export function LocalisationTracker({ cityId, themes }: { cityId: string; themes: readonly string[] }) {
  const { t, locale } = useI18n()
  const loaded = useLoad((signal) => endpoints.localisation(cityId, { signal }), cityId)
  const [notice, setNotice] = useState<string | null>(null)
  const view = loaded.data

  const saved = (next: CityLocalisation, name: string) => {
    loaded.replace(next)
    setNotice(t('localisation.saved', { name }))
  }

  return (
    <section className="space-section cityworks" aria-labelledby="cityworks-title">
      <div className="section-head">
        <h2 id="cityworks-title">{t('localisation.title')}</h2>
      </div>
      <p className="muted">{t('localisation.intro')}</p>
      {/* Peer learning: what other cities did on the city's networks' themes. */}
      <PracticesLinks themes={themes} />
      {loaded.status === 'error' && !view && (
        <Notice tone="error">
          {t('localisation.loadError')}{' '}
          <button type="button" className="link-button" onClick={loaded.reload}>
            {t('common.retry')}
          </button>
        </Notice>
      )}
      {!view ? (
        loaded.status !== 'error' && <Loading label={t('app.loading')} />
      ) : (
        <>
          <p className="cityworks-summary">
            <strong>{t('localisation.progress', { done: view.progress.done, total: view.progress.total })}</strong>
            {view.progress.inProgress > 0 && ` · ${t('localisation.inProgress', { count: view.progress.inProgress })}`}
          </p>
          {view.advice && <Notice tone="info">{ADVICE[locale]}</Notice>}
          {!view.allowed.track && <p className="muted">{t('localisation.readOnly')}</p>}
          {notice && <Notice tone="success">{notice}</Notice>}
          {PHASES.map((phase, i) => {
            const progress = view.progress.phases[i]!
            return (
              <div key={phase.key} className="cityworks-phase">
                <h3>
                  {t('localisation.phase', { number: phase.number, name: phase.name[locale] })}{' '}
                  <span className="cityworks-phase-progress">{t('localisation.progress', { done: progress.done, total: progress.total })}</span>
                </h3>
                <ol className="cityworks-steps">
                  {phase.steps.map((content) => (
                    <StepItem
                      key={content.key}
                      cityId={cityId}
                      content={content}
                      step={view.phases[i]!.steps.find((s) => s.key === content.key)!}
                      view={view}
                      onSaved={saved}
                    />
                  ))}
                </ol>
              </div>
            )
          })}
          <SupportActivities cityId={cityId} view={view} onSaved={saved} />
        </>
      )}
    </section>
  )
}
