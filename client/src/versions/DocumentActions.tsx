import { useState } from 'react'
import { Link } from 'react-router'
import type { DocumentSummary } from '../../../shared/api'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { ExportMenu } from './ExportMenu'
import { VersionNameDialog } from './VersionNameDialog'

/** Under a document's title: its history, saving a named version (writers), exporting. */
export function DocumentActions({ document }: { document: DocumentSummary }) {
  const { t } = useI18n()
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const history = `/documents/${encodeURIComponent(document.id)}/history`
  return (
    <>
      <div className="document-actions">
        <Link className="button button-quiet" to={history}>
          {t('versions.open')}
        </Link>
        {document.allowed.includes('write') && (
          <button type="button" className="button button-quiet" onClick={() => setSaving(true)}>
            {t('versions.save')}
          </button>
        )}
        <ExportMenu documentId={document.id} />
      </div>
      {saved && (
        <Notice tone="success">
          {t('versions.saved', { name: saved })} <Link to={history}>{t('versions.open')}</Link>
        </Notice>
      )}
      <VersionNameDialog
        open={saving}
        onClose={() => setSaving(false)}
        title={t('versions.saveTitle')}
        description={t('versions.saveText')}
        submitLabel={t('versions.saveConfirm')}
        onSubmit={async (name) => {
          await endpoints.saveVersion(document.id, { name })
          setSaving(false)
          setSaved(name)
        }}
      />
    </>
  )
}
