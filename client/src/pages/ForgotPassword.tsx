import { type FormEvent, useState } from 'react'
import { endpoints } from '../api'
import { Field, Notice, SubmitButton } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { validate } from '../lib/forms'
import { loadSchemas } from '../lib/schemas'
import { useForm } from '../lib/useForm'

/**
 * « Mot de passe oublié ? » when Atelier sends mail: the address, then the same answer whether
 * or not it has an account (the server says nothing more).
 */
export function ForgotPassword({ email }: { email: string }) {
  const { t, message } = useI18n()
  const [open, setOpen] = useState(false)
  const [sentTo, setSentTo] = useState<string | null>(null)
  const form = useForm({ email })

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    form.setBusy(true)
    try {
      const checked = validate((await loadSchemas()).requestResetBody, form.values)
      if (!checked.ok) return form.setErrors(checked.errors)
      form.setErrors({})
      await endpoints.requestPasswordReset(checked.data.email)
      setSentTo(checked.data.email)
    } catch (error) {
      form.setFormError(describeError(error))
    } finally {
      form.setBusy(false)
    }
  }

  if (!open) {
    return (
      <p>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            form.setValues({ email })
            setOpen(true)
          }}
        >
          {t('signIn.forgotTitle')}
        </button>
      </p>
    )
  }
  if (sentTo) return <Notice tone="success">{t('signIn.resetSent', { email: sentTo })}</Notice>
  return (
    <form ref={form.ref} className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="forgot-title">
      <h2 id="forgot-title">{t('signIn.forgotTitle')}</h2>
      <p>{t('signIn.forgotByMail')}</p>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <Field {...form.bind('email')} type="email" label={t('fields.email')} autoComplete="username" inputMode="email" spellCheck={false} required />
      <SubmitButton busy={form.busy} label={t('signIn.sendReset')} busyLabel={t('signIn.sendingReset')} />
    </form>
  )
}
