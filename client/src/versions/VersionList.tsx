import type { VersionSummary } from '../../../shared/api'
import { useI18n } from '../i18n/useI18n'
import { formatDateTime } from '../lib/format'
import { ExportMenu } from './ExportMenu'
import { versionLabel } from './labels'

type Action = 'rename' | 'lock' | 'delete' | 'restore'

/** The versions, newest first: who saved each (or "automatic"), who contributed, what one may do with it. */
export function VersionList({
  versions,
  selected,
  documentId,
  onChoose,
  onAction,
}: {
  versions: VersionSummary[]
  selected: string | null
  documentId: string
  onChoose: (v: VersionSummary) => void
  onAction: (kind: Action, v: VersionSummary) => void
}) {
  const { t, locale } = useI18n()
  return (
    <aside className="version-list" aria-label={t('versions.listLabel')}>
      <ol>
        {versions.map((v) => (
          <li key={v.id} className={v.id === selected ? 'version version-selected' : 'version'}>
            <button type="button" className="version-choose" aria-current={v.id === selected || undefined} onClick={() => onChoose(v)}>
              <span className="version-name">{versionLabel(v, t('versions.automatic'), locale)}</span>
              <span className="version-meta muted">
                {v.name && <time dateTime={v.createdAt}>{formatDateTime(v.createdAt, locale)}</time>}
                {v.name && ' · '}
                {v.kind === 'automatic' ? t('versions.byAutomatic') : t('versions.by', { name: v.createdBy?.name ?? t('comments.formerMember') })}
              </span>
            </button>
            {(v.locked || v.restoredFrom) && (
              <p className="version-flags">
                {v.locked && <span className="badge">{t('versions.lockedBadge')}</span>}
                {v.restoredFrom && (
                  <span className="badge badge-warning">
                    {t('versions.restoredFrom', { name: versionLabel(v.restoredFrom, t('versions.automatic'), locale) })}
                  </span>
                )}
              </p>
            )}
            {v.contributors.length > 0 && (
              <p className="version-contributors muted">
                {t('versions.contributors', { names: v.contributors.map((c) => (c.city ? `${c.name} (${c.city})` : c.name)).join(', ') })}
              </p>
            )}
            <div className="version-actions">
              {v.allowed.restore && (
                <button type="button" className="link-button" onClick={() => onAction('restore', v)}>
                  {t('versions.restore')}
                </button>
              )}
              {v.allowed.rename && (
                <button type="button" className="link-button" onClick={() => onAction('rename', v)}>
                  {t('versions.rename')}
                </button>
              )}
              {v.allowed.lock && !v.locked && (
                <button type="button" className="link-button" onClick={() => onAction('lock', v)}>
                  {t('versions.lock')}
                </button>
              )}
              {v.allowed.delete && (
                <button type="button" className="link-button danger" onClick={() => onAction('delete', v)}>
                  {t('versions.delete')}
                </button>
              )}
              <ExportMenu documentId={documentId} versionId={v.id} label={t('export.version')} />
            </div>
          </li>
        ))}
      </ol>
    </aside>
  )
}
