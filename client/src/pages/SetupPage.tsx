import type { FormEvent } from 'react'
import { Navigate } from 'react-router'
import { setupBody } from '../../../shared/schemas'
import { endpoints, isApiError } from '../api'
import { useSession } from '../app/session'
import { AccountFields } from '../components/AccountFields'
import { Field, Notice, SubmitButton } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { fieldErrorsFromServer, validate } from '../lib/forms'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useForm } from '../lib/useForm'

/** First run: creates the first secretariat account and its first network. */
export function SetupPage() {
  const { t, message, locale } = useI18n()
  const { me, setupNeeded, signedIn, markSetupDone } = useSession()
  const form = useForm({ name: '', email: '', password: '', networkName: '' })
  useDocumentTitle(t('setup.title'))

  if (me) return <Navigate to="/" replace />
  // Already set up: sign in instead (the sign-in screen says why it was shown).
  if (!setupNeeded) return <Navigate to="/signin" replace state={{ setupDone: true }} />

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const checked = validate(setupBody, { ...form.values, locale })
    if (!checked.ok) return form.setErrors(checked.errors)
    form.setErrors({})
    form.setBusy(true)
    try {
      signedIn(await endpoints.setup(checked.data))
    } catch (error) {
      if (isApiError(error) && error.code === 'setup_done') return markSetupDone()
      if (isApiError(error) && error.code === 'invalid_input') form.setErrors(fieldErrorsFromServer(error.fields))
      form.setFormError(describeError(error))
    } finally {
      form.setBusy(false)
    }
  }

  return (
    <section className="page page-narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="lead">{t('setup.intro')}</p>
      <p>{t('setup.next')}</p>
      <form ref={form.ref} className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
        <fieldset>
          <legend>{t('setup.accountLegend')}</legend>
          <AccountFields bind={form.bind} />
        </fieldset>
        <fieldset>
          <legend>{t('setup.networkLegend')}</legend>
          <Field {...form.bind('networkName')} label={t('fields.networkName')} hint={t('fields.networkNameHint')} required />
        </fieldset>
        <SubmitButton busy={form.busy} label={t('setup.submit')} busyLabel={t('setup.submitting')} />
      </form>
    </section>
  )
}
