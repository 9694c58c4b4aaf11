import { EditorContent, useEditor } from '@tiptap/react'
import type { PmNode } from '../../../shared/content'
import { contentExtensions } from '../../../shared/content'
import { useI18n } from '../i18n/useI18n'

/** A saved version (or another stored copy, named by `label`), as it was, read-only and in the editor's own styles. */
export function VersionContent({ content, label }: { content: PmNode; label?: string }) {
  const { t } = useI18n()
  const editor = useEditor(
    {
      extensions: contentExtensions(),
      content,
      editable: false,
      editorProps: { attributes: { class: 'editor-prose', role: 'document', 'aria-label': label ?? t('versions.contentLabel') } },
    },
    [content],
  )
  return <EditorContent editor={editor} className="editor-content version-content" />
}
