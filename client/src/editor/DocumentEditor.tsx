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
import { SuggestionDisplay } from './suggest/SuggestionDisplay'
import { suggestionsBeside } from './suggest/SuggestionCard'
import { SuggestionsPanel } from './suggest/SuggestionsPanel'
import { SuggestMode, SuggestShortcuts } from './suggest/SuggestMode'
import { useReview } from './suggest/useReview'
import { useSuggestions } from './suggest/useSuggestions'
import { useSuggestMode } from './suggest/useSuggestMode'
import './editor.css'

/** What the policy lets this person do with the text, from the document's `allowed` actions. */
export function accessOf(document: DocumentSummary): OpenAccess {
  if (document.allowed.includes('write')) return 'write'
  if (document.allowed.includes('suggest')) return 'suggest'
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
  // Those who may suggest type in the text too; what they type becomes suggestions.
  const canEdit = canWrite || access === 'suggest'
  const canComment = access !== 'read'
  const mode = useSuggestMode(documentId, access)
  // Read by the editor at each keystroke: a ref, so that switching modes keeps the same editor.
  const suggestingNow = useRef(mode.suggesting)
  suggestingNow.current = mode.suggesting
  const describeAuthor = useRef((authorId: string, kind: 'insertion' | 'deletion') => `${kind} ${authorId}`)
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
      SuggestMode.configure({ authorId: user.id, suggesting: () => suggestingNow.current }),
      SuggestShortcuts.configure({ suggesting: () => suggestingNow.current }),
      SuggestionDisplay.configure({ describe: (authorId, kind) => describeAuthor.current(authorId, kind) }),
      Extension.create({
        name: 'linkShortcut',
        addKeyboardShortcuts: () => ({
          'Mod-k': ({ editor }) => {
            if (!editor.isEditable || suggestingNow.current) return false
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
      editable: canEdit,
      // A multi-line text box to assistive technology, which makes aria-readonly meaningful.
      editorProps: {
        attributes: { class: 'editor-prose', role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('editor.label'), 'data-skip-target': '' },
      },
    },
    [extensions],
  )
  const comments = useDocumentComments(editor, documentId, session.provider, canComment)
  const openThreads = comments.list?.counts.open ?? 0
  const me = useMemo(() => ({ id: user.id, name: user.name, city: null }), [user.id, user.name])
  const suggestions = useSuggestions(editor, documentId, session.provider, me, comments.people)
  describeAuthor.current = (authorId, kind) => {
    const author = suggestions.names.get(authorId)
    const name = author ? (author.city ? `${author.name} · ${author.city}` : author.name) : t('suggestions.someone')
    return t(`suggestions.titleOf.${kind}`, { name })
  }
  // Settling is done by the server: only while it can be reached.
  const online = snapshot.status === 'saved' || snapshot.status === 'saving' || snapshot.status === 'live'
  const review = useReview(editor, {
    documentId,
    userId: user.id,
    names: suggestions.names,
    canSettle: canWrite && !archived,
    canSuggest: mode.suggesting,
    online,
    active: suggestions.active,
    onActivate: suggestions.activate,
    onDiscuss: canComment ? comments.startDraft : null,
  })
  // Readers see the suggestions only when there is something to read.
  const showSuggestions = editor !== null && (canEdit || suggestions.pending.length > 0)
  // Beside the text, the cards are in the margin with the comments'; in the sheet, listed.
  const suggestionsPanel = showSuggestions && <SuggestionsPanel pending={suggestions.pending} review={review} listed={narrow} />
  useOpenAtMatch(editor, snapshot.status === 'saved' || snapshot.status === 'saving')

  useEffect(() => {
    if (!editor) return
    editor.setEditable(canEdit && snapshot.endedWith === null)
    editor.view.dom.setAttribute('aria-readonly', String(!editor.isEditable))
  }, [editor, canEdit, snapshot.endedWith])

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
            {(suggestions.pending.length > 0 || mode.suggesting) && (
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={t('suggestions.compact', { count: suggestions.pending.length })}
                onClick={() => setCommentsView({ thread: null })}
              >
                {t('suggestions.title')} <span className="count-badge">{suggestions.pending.length}</span>
              </button>
            )}
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
      {access === 'suggest' && !archived && <Notice tone="info">{t('suggestions.notice')}</Notice>}
      {!canEdit && (
        <Notice tone="info">{t(archived ? 'editor.readOnly.archived' : access === 'comment' ? 'editor.readOnly.comment' : 'editor.readOnly.read')}</Notice>
      )}
      <div className="editor-layout">
        {editor && !narrow && <OutlinePanel editor={editor} />}
        <div className="editor-main">
          {editor && canEdit && <Toolbar editor={editor} onLink={() => setLinkOpen(true)} suggesting={mode.suggesting} onMode={mode.choose} />}
          <EditorContent editor={editor} className="editor-content" />
          {editor && canComment && <AddCommentButton editor={editor} onComment={() => comments.startDraft()} />}
          {editor && <WordCount editor={editor} />}
        </div>
        {editor && !narrow && (
          <div className="editor-side">
            {suggestionsPanel}
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
              beside={showSuggestions ? suggestionsBeside(suggestions.pending, review) : undefined}
            />
          </div>
        )}
      </div>
      {editor && narrow && (
        <>
          <Dialog sheet open={outlineOpen} onClose={() => setOutlineOpen(false)} title={t('editor.outline.title')}>
            <OutlinePanel editor={editor} onGo={() => setOutlineOpen(false)} />
          </Dialog>
          <CommentsSheet
            editor={editor}
            documentId={documentId}
            userId={user.id}
            comments={comments}
            view={commentsView}
            onView={setCommentsView}
            suggestions={suggestionsPanel}
          />
        </>
      )}
      {editor && <LinkDialog editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
