import { useState } from 'react'
import type { DocumentSummary, SpaceSummary } from '../../../shared/api'
import type { Action } from '../../../shared/policy'
import { useI18n } from '../i18n/useI18n'
import { spacePhraseKey } from '../lib/roles'
import { DocumentList } from './DocumentList'
import { NewDocumentDialog } from './NewDocumentDialog'

/** A space's documents, newest change first, with "new document" for those the policy allows. */
export function DocumentsSection({
  space,
  title,
  documents,
  allowed,
  onCreated,
}: {
  space: SpaceSummary
  title: string
  documents: readonly DocumentSummary[]
  allowed: readonly Action[]
  onCreated: (document: DocumentSummary) => void
}) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const canCreate = allowed.includes('create_document')
  const live = documents.filter((d) => !d.archived).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))

  return (
    <section className="space-section" aria-labelledby="documents-title">
      <div className="section-head">
        <h2 id="documents-title">{title}</h2>
        {canCreate && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setOpen(true)}
            aria-label={t('home.newDocumentIn', { space: t(spacePhraseKey(space.type), { name: space.name }) })}
          >
            <span aria-hidden="true">+</span> {t('home.newDocument')}
          </button>
        )}
      </div>
      {live.length > 0 ? (
        <DocumentList documents={live} />
      ) : (
        <p className="empty-line">{canCreate ? t(`space.noDocumentsCreate.${space.type}`) : t('home.noDocuments')}</p>
      )}
      <NewDocumentDialog
        space={space}
        open={open}
        onClose={() => setOpen(false)}
        onCreated={(document) => {
          setOpen(false)
          onCreated(document)
        }}
      />
    </section>
  )
}
