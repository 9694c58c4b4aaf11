import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { resetPasswordBody } from '../../../shared/schemas'
import { endpoints, isApiError } from '../api'
import { useSession } from '../app/session'
import { Field, Notice, SubmitButton } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { fieldErrorsFromServer, validate } from '../lib/forms'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useForm } from '../lib/useForm'

export function ResetPasswordPage() {
  const { token = '' } = useParams()
  const { t, message } = useI18n()
  const { me, reload } = useSession()
  const form = useForm({ password: '', confirm: '' })
  const [done, setDone] = useState(false)
  useDocumentTitle(t('reset.title'))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const checked = validate(resetPasswordBody, { password: form.values.password })
    if (!checked.ok) return form.setErrors(checked.errors)
    if (form.values.confirm !== form.values.password) return form.setErrors({ confirm: { key: 'validation.passwordMismatch' } })
    form.setErrors({})
    form.setBusy(true)
    try {
      await endpoints.resetPassword(token, checked.data)
      setDone(true)
      // The server may have ended existing sessions along with the old password.
      if (me) reload()
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_input') form.setErrors(fieldErrorsFromServer(error.fields))
      form.setFormError(
        describeError(error, {
          not_found: 'errors.link_invalid',
          link_expired: 'reset.expired',
          link_used: 'reset.used',
        }),
      )
    } finally {
      form.setBusy(false)
    }
  }

  if (done) {
    return (
      <section className="page page-narrow" aria-labelledby="reset-title">
        <h1 id="reset-title">{t('reset.doneTitle')}</h1>
        <Notice tone="success">{t('reset.done')}</Notice>
        <p className="actions">
          <Link className="button button-primary" to="/signin">
            {t('reset.signIn')}
          </Link>
        </p>
      </section>
    )
  }

  return (
    <section className="page page-narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('reset.title')}</h1>
      <p className="lead">{t('reset.intro')}</p>
      <form ref={form.ref} className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
        <Field
          {...form.bind('password')}
          type="password"
          label={t('fields.newPassword')}
          hint={t('fields.passwordHint')}
          autoComplete="new-password"
          required
        />
        <Field {...form.bind('confirm')} type="password" label={t('fields.confirmPassword')} autoComplete="new-password" required />
        <SubmitButton busy={form.busy} label={t('reset.submit')} busyLabel={t('reset.submitting')} />
      </form>
    </section>
  )
}
