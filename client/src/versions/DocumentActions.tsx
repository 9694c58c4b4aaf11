import { useState } from 'react'
import { Link } from 'react-router'
import type { DocumentSummary } from '../../../shared/api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { ExportMenu } from './ExportMenu'
import { SaveVersionDialog } from './VersionNameDialog'

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
      <SaveVersionDialog
        documentId={document.id}
        open={saving}
        onClose={() => setSaving(false)}
        onSaved={(name) => {
          setSaving(false)
          setSaved(name)
        }}
      />
    </>
  )
}
