import { useEditorState, type Editor } from '@tiptap/react'
import { type ReactNode, useRef } from 'react'
import { useI18n } from '../i18n/useI18n'
import { shortcutLabel } from './shortcuts'
import { useRovingFocus } from '../lib/useRovingFocus'

type Props = {
  editor: Editor
  onLink: () => void
  /** Edits become suggestions: only text may change, so formatting and blocks are off. */
  suggesting: boolean
  /** Writers switch between editing and suggesting; absent for those who may only suggest. */
  onMode?: (suggesting: boolean) => void
}

/** Formatting for people who may write. Every button says its shortcut; the keyboard works without it. */
export function Toolbar({ editor, onLink, suggesting, onMode }: Props) {
  const { t } = useI18n()
  // Kept focusable (aria-disabled), so that the reason can be read on each.
  const off = suggesting ? t('suggestions.formattingOff') : undefined
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      style: e.isActive('heading', { level: 1 }) ? 'h1' : e.isActive('heading', { level: 2 }) ? 'h2' : e.isActive('heading', { level: 3 }) ? 'h3' : 'p',
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      taskList: e.isActive('taskList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
    }),
  })
  const run = () => editor.chain().focus()
  const bar = useRef<HTMLDivElement>(null)
  const roving = useRovingFocus(bar, 'horizontal')

  function setStyle(style: string) {
    if (style === 'p') run().setParagraph().run()
    else
      run()
        .setHeading({ level: Number(style.slice(1)) as 1 | 2 | 3 })
        .run()
  }

  return (
    // One Tab stop: arrow keys move along the toolbar (WAI-ARIA toolbar pattern).
    <div ref={bar} className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar.label')} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
      <Group>
        <Tool label={t('editor.toolbar.undo')} keys="Mod+Z" disabled={!state.canUndo} onClick={() => run().undo().run()} icon="↶" />
        <Tool label={t('editor.toolbar.redo')} keys="Mod+Shift+Z" disabled={!state.canRedo} onClick={() => run().redo().run()} icon="↷" />
      </Group>
      <Group>
        <select
          className="editor-style"
          aria-label={t('editor.toolbar.style')}
          value={state.style}
          disabled={suggesting}
          title={off}
          onChange={(event) => setStyle(event.target.value)}
        >
          <option value="p">{t('editor.toolbar.paragraph')}</option>
          <option value="h1">{t('editor.toolbar.heading1')}</option>
          <option value="h2">{t('editor.toolbar.heading2')}</option>
          <option value="h3">{t('editor.toolbar.heading3')}</option>
        </select>
      </Group>
      <Group>
        <Tool off={off} label={t('editor.toolbar.bold')} keys="Mod+B" pressed={state.bold} onClick={() => run().toggleBold().run()} icon={<b>B</b>} />
        <Tool off={off} label={t('editor.toolbar.italic')} keys="Mod+I" pressed={state.italic} onClick={() => run().toggleItalic().run()} icon={<i>I</i>} />
        <Tool
          off={off}
          label={t('editor.toolbar.underline')}
          keys="Mod+U"
          pressed={state.underline}
          onClick={() => run().toggleUnderline().run()}
          icon={<u>U</u>}
        />
        <Tool
          off={off}
          label={t('editor.toolbar.strike')}
          keys="Mod+Shift+S"
          pressed={state.strike}
          onClick={() => run().toggleStrike().run()}
          icon={<s>S</s>}
        />
        <Tool off={off} label={t('editor.toolbar.link')} keys="Mod+K" pressed={state.link} onClick={onLink} icon={<StrokeIcon paths={LINK_ICON} />} />
      </Group>
      <Group>
        <Tool
          off={off}
          label={t('editor.toolbar.bulletList')}
          keys="Mod+Shift+8"
          pressed={state.bulletList}
          onClick={() => run().toggleBulletList().run()}
          icon="•≡"
        />
        <Tool
          off={off}
          label={t('editor.toolbar.orderedList')}
          keys="Mod+Shift+7"
          pressed={state.orderedList}
          onClick={() => run().toggleOrderedList().run()}
          icon={<StrokeIcon paths={ORDERED_LIST_ICON} />}
        />
        <Tool
          off={off}
          label={t('editor.toolbar.taskList')}
          keys="Mod+Shift+9"
          pressed={state.taskList}
          onClick={() => run().toggleTaskList().run()}
          icon="☑"
        />
        <Tool
          off={off}
          label={t('editor.toolbar.blockquote')}
          keys="Mod+Shift+B"
          pressed={state.blockquote}
          onClick={() => run().toggleBlockquote().run()}
          icon="❝"
        />
        <Tool off={off} label={t('editor.toolbar.horizontalRule')} onClick={() => run().setHorizontalRule().run()} icon="―" />
      </Group>
      <Group>
        {state.inTable ? (
          <>
            <Tool off={off} label={t('editor.toolbar.addRow')} onClick={() => run().addRowAfter().run()} icon="+▭" />
            <Tool off={off} label={t('editor.toolbar.addColumn')} onClick={() => run().addColumnAfter().run()} icon="+▯" />
            <Tool off={off} label={t('editor.toolbar.deleteRow')} onClick={() => run().deleteRow().run()} icon="−▭" />
            <Tool off={off} label={t('editor.toolbar.deleteColumn')} onClick={() => run().deleteColumn().run()} icon="−▯" />
            <Tool off={off} label={t('editor.toolbar.deleteTable')} onClick={() => run().deleteTable().run()} icon="⌧" />
          </>
        ) : (
          <Tool off={off} label={t('editor.toolbar.table')} onClick={() => run().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} icon="▦" />
        )}
      </Group>
      {/* Last, as Google Docs' mode menu: « Modifier / Suggérer ». */}
      <Group>
        {onMode ? (
          <select
            className="editor-style editor-mode"
            aria-label={t('suggestions.mode.label')}
            value={suggesting ? 'suggest' : 'edit'}
            onChange={(event) => onMode(event.target.value === 'suggest')}
          >
            <option value="edit">{t('suggestions.mode.edit')}</option>
            <option value="suggest">{t('suggestions.mode.suggest')}</option>
          </select>
        ) : (
          <span className="editor-toolbar-note">{t('suggestions.mode.forced')}</span>
        )}
      </Group>
      {off && <span className="editor-toolbar-note">{off}</span>}
    </div>
  )
}

/** Drawn, not emoji or letters: emoji fonts are missing on many Linux desktops, and letters would be read as the name. */
function StrokeIcon({ paths }: { paths: string[] }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden="true">
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  )
}

const LINK_ICON = ['M6.5 9.5l3-3', 'M7 4.5l1.2-1.2a2.6 2.6 0 013.7 3.7L10.7 8.2', 'M9 11.5l-1.2 1.2a2.6 2.6 0 01-3.7-3.7l1.2-1.2']
const ORDERED_LIST_ICON = ['M2 2.5h1v3M2 5.5h2M2 9.5h2l-2 2.5h2', 'M7 4h7M7 11h7']

function Group({ children }: { children: ReactNode }) {
  return <div className="editor-toolbar-group">{children}</div>
}

function Tool({
  label,
  keys,
  icon,
  pressed,
  disabled,
  off,
  onClick,
}: {
  label: string
  keys?: string
  icon: ReactNode
  pressed?: boolean
  disabled?: boolean
  /** Why it does nothing now (suggestion mode): it stays focusable and says so. */
  off?: string
  onClick: () => void
}) {
  const named = keys ? `${label} (${shortcutLabel(keys)})` : label
  const title = off ? `${named} — ${off}` : named
  return (
    <button
      type="button"
      className="editor-tool"
      aria-label={label}
      aria-keyshortcuts={keys?.replace('Mod', 'Control')}
      aria-pressed={pressed}
      title={title}
      disabled={disabled}
      aria-disabled={off ? true : undefined}
      aria-description={off}
      // Keep the text selection: the button acts on it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={off ? undefined : onClick}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  )
}
