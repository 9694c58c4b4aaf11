import { useEffect, useState } from 'react'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import type { DocumentSummary, PublicUser } from '../../../shared/api'
import { TEMPLATES } from '../../../shared/templates'
import { useSession } from '../app/session'
import { Loading, Notice } from '../components/ui'
import { accessOf, DocumentEditor } from '../editor/DocumentEditor'
import { KeptVersionNotice } from '../editor/KeptVersionNotice'
import { useCollabSession } from '../editor/useCollabSession'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { formatDateTime } from '../lib/format'
import { spacePath } from '../lib/roles'
import { DocumentActions } from '../versions/DocumentActions'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import { firstDocumentRead, keptDocumentRead } from '../app/first-reads'
import { NARROW_SCREEN, useMediaQuery } from '../lib/screens'
import { StageBadge } from '../workflow/StageBadge'
import { CyclesPanel } from '../workflow/CyclesPanel'
import { WorkflowPanel } from '../workflow/WorkflowPanel'

/**
 * /documents/:id — the live editor. Loaded on demand (route `lazy`): Tiptap and Yjs only
 * download when someone opens a document.
 */
export function Component() {
  const { id = '' } = useParams()
  const { t, message } = useI18n()
  const { me } = useSession()
  const location = useLocation()
  const [params] = useSearchParams()
  const narrow = useMediaQuery(NARROW_SCREEN)
  const doc = useLoad((signal) => firstDocumentRead(id, signal), id)
  const kept = useKeptSummary(id)
  // Until the server answers, the copy kept on this device (never after a refusal).
  const summary = doc.data ?? (doc.status === 'loading' ? kept : undefined)
  // The list passes the title along, so it shows at once even on a slow link.
  const title = summary?.title ?? (location.state as { title?: string } | null)?.title ?? t('document.title')
  useDocumentTitle(title)

  return (
    <section className="page page-document" aria-labelledby="document-title">
      <p className="breadcrumb">
        <Link to="/">{t('document.back')}</Link>
      </p>
      <h1 id="document-title">{title}</h1>
      {summary &&
        (narrow ? (
          // On a phone or a tablet the text comes first: what surrounds it is one tap away.
          <details className="document-details" open={params.get('panel') === 'workflow'}>
            <summary>
              {t('compact.details')} <StageBadge document={summary} />
            </summary>
            <AroundTheText document={summary} onChanged={doc.reload} />
          </details>
        ) : (
          <AroundTheText document={summary} onChanged={doc.reload} />
        ))}
      {doc.status === 'loading' && !summary && <Loading label={t('app.loading')} />}
      {doc.status === 'error' && <Notice tone="error">{message(describeError(doc.error))}</Notice>}
      {summary && me && <LiveDocument document={summary} user={me.user} onAccessChanged={doc.reload} />}
    </section>
  )
}

/** The document's summary kept on this device, read once per document (see keptDocumentRead). */
function useKeptSummary(documentId: string): DocumentSummary | undefined {
  const [kept, setKept] = useState<{ id: string; summary: DocumentSummary | undefined }>()
  useEffect(() => {
    let current = true
    void keptDocumentRead(documentId).then((summary) => {
      if (current) setKept({ id: documentId, summary })
    })
    return () => {
      current = false
    }
  }, [documentId])
  return kept?.id === documentId ? kept.summary : undefined
}

/** What the document is and where, and what can be done with it besides writing: versions, export, submission. */
function AroundTheText({ document, onChanged }: { document: DocumentSummary; onChanged: () => void }) {
  const { t, locale } = useI18n()
  return (
    <>
      <p className="muted">
        {TEMPLATES[document.kind]?.title[locale] ?? document.kind} · <Link to={spacePath(document.space)}>{document.space.name}</Link> ·{' '}
        <time dateTime={document.updatedAt}>{t('home.updated', { date: formatDateTime(document.updatedAt, locale) })}</time>
      </p>
      <DocumentActions document={document} />
      {document.stage !== null && <WorkflowPanel document={document} onChanged={onChanged} />}
      {document.kind === 'experimentation_log' && <CyclesPanel document={document} onChanged={onChanged} />}
    </>
  )
}

function LiveDocument({ document, user, onAccessChanged }: { document: DocumentSummary; user: PublicUser; onAccessChanged: () => void }) {
  const { t } = useI18n()
  const access = accessOf(document)
  const { session, kept, forget } = useCollabSession(document.id, user.id, access)

  // The server closes with 4100 when this person's level changes; the provider reconnects at
  // the new level, and the screen asks the policy again what is allowed now.
  useEffect(() => {
    if (!session) return
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === 4100) onAccessChanged()
    }
    session.provider.on('connection-close', onClose)
    return () => session.provider.off('connection-close', onClose)
  }, [session, onAccessChanged])

  return (
    <>
      {kept && <KeptVersionNotice version={kept} title={document.title} onForget={forget} />}
      {session ? (
        <DocumentEditor key={session.doc.guid} documentId={document.id} session={session} access={access} archived={document.archived} user={user} />
      ) : (
        <Loading label={t('document.loadingEditor')} />
      )}
    </>
  )
}
