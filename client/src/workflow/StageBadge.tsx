import type { DocumentSummary } from '../../../shared/api'
import { useI18n } from '../i18n/useI18n'
import { formatDay } from '../lib/format'
import { isOverdue } from '../../../shared/domain'

/** Where a deliverable stands ("Soumis", "Renvoyé avec remarques"…), and its due date, flagged once passed. */
export function StageBadge({ document }: { document: Pick<DocumentSummary, 'stage' | 'dueOn'> }) {
  const { t, locale } = useI18n()
  if (document.stage === null) return null
  const overdue = isOverdue(document)
  return (
    <span className="stage-line">
      <span className={`stage-badge stage-${document.stage}`}>{t(`workflow.stage.${document.stage}`)}</span>
      {document.dueOn && (
        <span className={overdue ? 'due due-overdue' : 'due'}>
          {t(overdue ? 'workflow.overdue' : 'workflow.due', { date: formatDay(document.dueOn, locale) })}
        </span>
      )}
    </span>
  )
}
