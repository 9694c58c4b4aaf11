import { useId, useState, type FormEvent } from 'react'
import type { DocumentSummary, SpaceSummary } from '../../../shared/api'
import { DOCUMENT_KINDS, PROCESS_KINDS, TEMPLATES, type DocumentKind } from '../../../shared/templates'

const OFFERED_KINDS = DOCUMENT_KINDS.filter((k) => !PROCESS_KINDS.has(k))
import { endpoints } from '../api'
import { useI18n } from '../i18n/useI18n'
import { validate } from '../lib/forms'
import { loadSchemas } from '../lib/schemas'
import { spacePhraseKey } from '../lib/roles'
import { useForm } from '../lib/useForm'
import { Dialog } from './Dialog'
import { ImportDocument } from './ImportDocument'
import { Field, Notice, SubmitButton } from './ui'

/** Choose a kind of document (its template) and a title, in one space. */
export function NewDocumentDialog({
  space,
  open,
  onClose,
  onCreated,
}: {
  space: SpaceSummary
  open: boolean
  onClose: () => void
  onCreated: (document: DocumentSummary) => void
}) {
  const { t } = useI18n()
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('newDocument.title')}
      description={t('newDocument.inSpace', { space: t(spacePhraseKey(space.type), { name: space.name }) })}
    >
      <NewDocumentForm space={space} onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  )
}

function NewDocumentForm({ space, onCancel, onCreated }: { space: SpaceSummary; onCancel: () => void; onCreated: (document: DocumentSummary) => void }) {
  const { t, message, locale } = useI18n()
  const form = useForm({ title: '' })
  const [kind, setKind] = useState<DocumentKind>(OFFERED_KINDS[0]!)
  const legendId = useId()

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const title = form.values.title.trim()
    await form.send(async () => {
      const checked = validate((await loadSchemas()).createDocumentBody, { space: { type: space.type, id: space.id }, kind, title: title || undefined, locale })
      if (!checked.ok) {
        form.setErrors(checked.errors)
        form.setBusy(false)
        return
      }
      onCreated(await endpoints.createDocument(checked.data))
    })
  }

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <fieldset className="kind-picker" aria-describedby={form.errors.kind ? `${legendId}-error` : undefined}>
        <legend id={legendId}>{t('fields.documentKind')}</legend>
        <div className="kind-options">
          {OFFERED_KINDS.map((k) => (
            <label key={k} className="kind-option">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-autofocus={kind === k ? '' : undefined} />
              <span className="kind-option-text">
                <span className="kind-option-title">{TEMPLATES[k].title[locale]}</span>
                <span className="kind-option-description">{TEMPLATES[k].description[locale]}</span>
              </span>
            </label>
          ))}
        </div>
        {form.errors.kind && (
          <p id={`${legendId}-error`} className="field-error">
            {message(form.errors.kind)}
          </p>
        )}
      </fieldset>
      <Field
        {...form.bind('title')}
        label={t('fields.documentTitle')}
        hint={t('fields.documentTitleHint')}
        placeholder={TEMPLATES[kind].title[locale]}
        autoComplete="off"
        maxLength={200}
      />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('newDocument.create')} busyLabel={t('newDocument.creating')} />
      </div>
      <ImportDocument space={space} kind={kind} title={form.values.title} />
    </form>
  )
}
