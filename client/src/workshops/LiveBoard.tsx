import { Link } from 'react-router'
import type { DocumentSummary, WorkshopView } from '../../../shared/api'
import { TEMPLATES } from '../../../shared/templates'
import type { WorkshopPhase } from '../../../shared/workshops'
import type { Participant } from '../editor/presence'
import { initials } from '../editor/presence'
import { useI18n } from '../i18n/useI18n'
import { StageBadge } from '../workflow/StageBadge'
import { usePresenceWatch } from './usePresenceWatch'
import { deliverablesProgress } from './workshops-logic'

/**
 * The live workshop: the agenda and the four deliverables side by side, each with who has it
 * open right now, so a facilitator sends people where they are needed. After the workshop it
 * follows the deliverables until all are validated.
 */
export function LiveBoard({ workshop, phase }: { workshop: WorkshopView; phase: WorkshopPhase }) {
  const { t } = useI18n()
  const documents = [workshop.agenda, ...workshop.deliverables]
  const present = usePresenceWatch(documents.map((d) => d.id))
  const progress = deliverablesProgress(workshop)

  return (
    <section className="space-section live-board" aria-labelledby="live-title">
      <div className="section-head">
        <h2 id="live-title">{t(phase === 'past' ? 'workshop.followUp' : 'workshop.live')}</h2>
        {phase === 'live' && <span className="live-dot">{t('workshop.liveNow')}</span>}
      </div>
      <p className="muted">
        {phase === 'past'
          ? progress.complete
            ? t('workshop.allValidated')
            : t('workshops.progress', { count: progress.validated, total: progress.total })
          : t(phase === 'live' ? 'workshop.liveIntro' : 'workshop.upcomingIntro')}
      </p>
      <ol className="live-columns">
        {documents.map((d, i) => (
          <DocumentColumn key={d.id} document={d} label={t(i === 0 ? 'workshop.agenda' : 'workshop.deliverable', { n: i })} people={present.get(d.id) ?? []} />
        ))}
      </ol>
    </section>
  )
}

/** One document's column: what it is (its kind, the title repeating the workshop's name), where it stands, who is in it. */
function DocumentColumn({ document, label, people }: { document: DocumentSummary; label: string; people: Participant[] }) {
  const { t, locale } = useI18n()
  return (
    <li className="live-column" aria-label={document.title}>
      <p className="live-column-label">{label}</p>
      <h3>
        <Link to={`/documents/${encodeURIComponent(document.id)}`} title={document.title}>
          {TEMPLATES[document.kind]?.title[locale] ?? document.title}
        </Link>
      </h3>
      <StageBadge document={document} />
      <p className="live-count">{people.length === 0 ? t('workshop.nobody') : t('workshop.writing', { count: people.length })}</p>
      <ul className="live-people" aria-label={t('workshop.presentIn', { title: document.title })}>
        {people.map((p) => (
          <li key={p.id} data-user-id={p.id}>
            <span className="avatar" style={{ backgroundColor: p.color }} aria-hidden="true">
              {initials(p.name)}
            </span>
            <span className="live-person">
              <span>{p.name}</span>
              {p.city && <span className="muted">{p.city}</span>}
            </span>
          </li>
        ))}
      </ul>
    </li>
  )
}
