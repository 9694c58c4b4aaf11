import type { Editor } from '@tiptap/react'
import { useState, type FormEvent } from 'react'
import { Dialog } from '../components/Dialog'
import { Field } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { normalizeLink } from './links'

/** Add, change or remove the link on the selected text. */
export function LinkDialog({ editor, open, onClose }: { editor: Editor; open: boolean; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('editor.link.title')}>
      <LinkForm editor={editor} onDone={onClose} />
    </Dialog>
  )
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useI18n()
  const current = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [value, setValue] = useState(current)
  const [invalid, setInvalid] = useState(false)

  function submit(event: FormEvent) {
    event.preventDefault()
    const href = normalizeLink(value)
    if (!href) {
      setInvalid(true)
      return
    }
    const chain = editor.chain().focus().extendMarkRange('link')
    // With nothing selected, the address itself becomes the linked text.
    if (editor.state.selection.empty && !current) chain.insertContent({ type: 'text', text: value.trim(), marks: [{ type: 'link', attrs: { href } }] }).run()
    else chain.setLink({ href }).run()
    onDone()
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onDone()
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        name="href"
        type="url"
        inputMode="url"
        label={t('editor.link.url')}
        hint={t('editor.link.urlHint')}
        value={value}
        onChange={(event) => {
          setValue(event.target.value)
          setInvalid(false)
        }}
        error={invalid ? { key: 'editor.link.invalid' } : undefined}
        data-autofocus
      />
      <div className="actions actions-end">
        {current && (
          <button type="button" className="button button-secondary" onClick={remove}>
            {t('editor.link.remove')}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary">
          {t('editor.link.apply')}
        </button>
      </div>
    </form>
  )
}
