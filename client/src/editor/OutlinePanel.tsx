import { useEditorState, type Editor } from '@tiptap/react'
import { useI18n } from '../i18n/useI18n'
import { countWords, outlineOf, type OutlineEntry } from './outline'

/**
 * The headings, as a table of contents; choosing one scrolls the document to it. In a sheet,
 * `onGo` closes it first: the scroll waits a frame for it to be gone.
 */
export function OutlinePanel({ editor, onGo }: { editor: Editor; onGo?: () => void }) {
  const { t } = useI18n()
  const entries = useEditorState({ editor, selector: ({ editor: e }) => outlineOf(e.state.doc), equalityFn: sameOutline })

  function goTo(entry: OutlineEntry) {
    if (!onGo) return scrollTo(entry)
    onGo()
    requestAnimationFrame(() => scrollTo(entry))
  }

  function scrollTo(entry: OutlineEntry) {
    const dom = editor.view.nodeDOM(entry.pos)
    if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: 'smooth', block: 'start' })
    if (editor.isEditable)
      editor
        .chain()
        .focus(undefined, { scrollIntoView: false })
        .setTextSelection(entry.pos + 1)
        .run()
  }

  return (
    <nav className="outline" aria-label={t('editor.outline.title')}>
      <h2 className="outline-title">{t('editor.outline.title')}</h2>
      {entries.length === 0 ? (
        <p className="muted outline-empty">{t('editor.outline.empty')}</p>
      ) : (
        <ol className="outline-list">
          {entries.map((entry) => (
            <li key={`${entry.pos}`} className={`outline-level-${entry.level}`}>
              <button type="button" className="link-button" onClick={() => goTo(entry)}>
                {entry.text}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  )
}

function sameOutline(a: OutlineEntry[] | null, b: OutlineEntry[] | null): boolean {
  if (!a || !b || a.length !== b.length) return a === b
  return a.every((e, i) => e.level === b[i]!.level && e.text === b[i]!.text && e.pos === b[i]!.pos)
}

/** Live word count of the whole document. */
export function WordCount({ editor }: { editor: Editor }) {
  const { t, locale } = useI18n()
  const words = useEditorState({ editor, selector: ({ editor: e }) => countWords(e.state.doc.textBetween(0, e.state.doc.content.size, ' ', ' ')) })
  return (
    <p className="word-count muted" aria-live="off">
      {t('document.words', { count: words, formatted: new Intl.NumberFormat(locale).format(words) })}
    </p>
  )
}
