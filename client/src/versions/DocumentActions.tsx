import { useState } from 'react'
import { Link } from 'react-router'
import type { DocumentSummary } from '../../../shared/api'
import { canPublishPractice } from '../../../shared/policy'
import { useSession } from '../app/session'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { PublishPracticeDialog } from '../practices/PracticeDialog'
import { ExportMenu } from './ExportMenu'
import { SaveVersionDialog } from './VersionNameDialog'

/** Under a document's title: its history, saving a named version (writers), exporting, publishing it as a good practice (writers). */
export function DocumentActions({ document }: { document: DocumentSummary }) {
  const { t } = useI18n()
  const { me } = useSession()
  const [saving, setSaving] = useState(false)
  const [publishing, setPublishing] = useState(false)
  // The summary leaves out the workshop: the policy asks for writing through a role, which it does not change.
  const state = { archived: document.archived, stage: document.stage, workshopId: null }
  const canPublish = me !== null && canPublishPractice(me.actor, { space: document.space, state })
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
        {canPublish && (
          <button type="button" className="button button-quiet" onClick={() => setPublishing(true)}>
            {t('practices.form.publishButton')}
          </button>
        )}
      </div>
      {saved && (
        <Notice tone="success">
          {t('versions.saved', { name: saved })} <Link to={history}>{t('versions.open')}</Link>
        </Notice>
      )}
      <PublishPracticeDialog documentId={document.id} open={publishing} onClose={() => setPublishing(false)} />
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
