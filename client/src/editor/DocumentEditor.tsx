import { Extension } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { DocumentSummary, PublicUser } from '../../../shared/api'
import { colorFor } from '../../../shared/collab'
import type { OpenAccess } from '../../../shared/policy'
import { Notice } from '../components/ui'
import i18n from '../i18n'
import { useI18n } from '../i18n/useI18n'
import type { CollabSession } from '../collab/session'
import { AddCommentButton } from '../comments/AddCommentButton'
import { CommentIcon } from '../comments/CommentIcon'
import { CommentHighlights } from '../comments/highlights'
import { CommentsPanel } from '../comments/CommentsPanel'
import { type CommentsView, CommentsSheet } from '../comments/CommentsSheet'
import { Dialog } from '../components/Dialog'
import { NARROW_SCREEN, useMediaQuery } from '../lib/screens'
import { useDocumentComments } from '../comments/useDocumentComments'
import { editorExtensions } from './extensions'
import { LinkDialog } from './LinkDialog'
import { OutlinePanel, WordCount } from './OutlinePanel'
import { PresenceList } from './PresenceList'
import { endedMessageKey, StatusLine } from './StatusLine'
import { Toolbar } from './Toolbar'
import { useCollabStatus } from './useCollabSession'
import { useOpenAtMatch } from '../search/useOpenAtMatch'
import './editor.css'

/** What the policy lets this person do with the text, from the document's `allowed` actions. */
export function accessOf(document: DocumentSummary): OpenAccess {
  if (document.allowed.includes('write')) return 'write'
  if (document.allowed.includes('comment')) return 'comment'
  return 'read'
}

/** The live editor: toolbar, text, presence, status, outline, word count and comments. */
export function DocumentEditor({
  documentId,
  session,
  access,
  archived,
  user,
}: {
  documentId: string
  session: CollabSession
  access: OpenAccess
  archived: boolean
  user: PublicUser
}) {
  const { t } = useI18n()
  const snapshot = useCollabStatus(session)
  const [linkOpen, setLinkOpen] = useState(false)
  const openLink = useRef(() => setLinkOpen(true))
  const canWrite = access === 'write'
  const canComment = access !== 'read'
  // On a phone or a tablet the outline and the comments wait behind buttons, in sheets.
  const narrow = useMediaQuery(NARROW_SCREEN)
  const [outlineOpen, setOutlineOpen] = useState(false)
  const [commentsView, setCommentsView] = useState<CommentsView | null>(null)

  const extensions = useMemo(
    () => [
      ...editorExtensions({
        doc: session.doc,
        provider: session.provider,
        user: { id: user.id, name: user.name, color: colorFor(user.id) },
        placeholder: () => i18n.t('editor.placeholder'),
      }),
      CommentHighlights,
      Extension.create({
        name: 'linkShortcut',
        addKeyboardShortcuts: () => ({
          'Mod-k': ({ editor }) => {
            if (!editor.isEditable) return false
            openLink.current()
            return true
          },
        }),
      }),
    ],
    [session, user.id, user.name],
  )
  const editor = useEditor(
    {
      extensions,
      editable: canWrite,
      // A multi-line text box to assistive technology, which makes aria-readonly meaningful.
      editorProps: {
        attributes: { class: 'editor-prose', role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('editor.label'), 'data-skip-target': '' },
      },
    },
    [extensions],
  )
  const comments = useDocumentComments(editor, documentId, session.provider, canComment)
  const openThreads = comments.list?.counts.open ?? 0
  useOpenAtMatch(editor, snapshot.status === 'saved' || snapshot.status === 'saving')

  useEffect(() => {
    if (!editor) return
    editor.setEditable(canWrite && snapshot.endedWith === null)
    editor.view.dom.setAttribute('aria-readonly', String(!editor.isEditable))
  }, [editor, canWrite, snapshot.endedWith])

  useEffect(() => {
    editor?.view.dom.setAttribute('aria-label', t('editor.label'))
  }, [editor, t])

  return (
    <div className="editor-shell">
      <div className="editor-bar">
        <StatusLine snapshot={snapshot} />
        <PresenceList awareness={session.provider.awareness} me={user} />
        {narrow && editor && (
          <div className="editor-bar-tools">
            <button type="button" className="button button-quiet button-small" onClick={() => setOutlineOpen(true)}>
              {t('editor.outline.title')}
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label={t('compact.comments', { count: openThreads })}
              onClick={() => setCommentsView({ thread: null })}
            >
              <CommentIcon />
              <span className="count-badge">{openThreads}</span>
            </button>
          </div>
        )}
      </div>
      {snapshot.endedWith !== null && <Notice tone="error">{t(endedMessageKey(snapshot.endedWith))}</Notice>}
      {!canWrite && (
        <Notice tone="info">{t(archived ? 'editor.readOnly.archived' : access === 'comment' ? 'editor.readOnly.comment' : 'editor.readOnly.read')}</Notice>
      )}
      <div className="editor-layout">
        {editor && !narrow && <OutlinePanel editor={editor} />}
        <div className="editor-main">
          {editor && canWrite && <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />}
          <EditorContent editor={editor} className="editor-content" />
          {editor && canComment && <AddCommentButton editor={editor} onComment={comments.startDraft} />}
          {editor && <WordCount editor={editor} />}
        </div>
        {editor && !narrow && (
          <CommentsPanel
            editor={editor}
            documentId={documentId}
            userId={user.id}
            list={comments.list}
            error={comments.error}
            people={comments.people}
            draft={comments.draft}
            onDraftDone={comments.finishDraft}
            active={comments.active}
            onActivate={comments.activate}
            onChanged={comments.reload}
          />
        )}
      </div>
      {editor && narrow && (
        <>
          <Dialog sheet open={outlineOpen} onClose={() => setOutlineOpen(false)} title={t('editor.outline.title')}>
            <OutlinePanel editor={editor} onGo={() => setOutlineOpen(false)} />
          </Dialog>
          <CommentsSheet editor={editor} documentId={documentId} userId={user.id} comments={comments} view={commentsView} onView={setCommentsView} />
        </>
      )}
      {editor && <LinkDialog editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
