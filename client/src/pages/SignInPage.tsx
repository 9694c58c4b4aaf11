import { type FormEvent, useEffect, useLayoutEffect, useState } from 'react'
import { Navigate, useLocation, useSearchParams } from 'react-router'
import { endpoints, isApiError } from '../api'
import { useSession } from '../app/session'
import { Field, Notice, SubmitButton } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { fieldErrorsFromServer, validate } from '../lib/forms'
import { safeNext } from '../lib/navigation'
import { loadSchemas } from '../lib/schemas'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useForm } from '../lib/useForm'
import { ForgotPassword } from './ForgotPassword'
import { readEarlySignIn, retireEarlySignIn } from '../app/early-sign-in'

export function SignInPage() {
  const { t, message } = useI18n()
  const { me, setupNeeded, signedIn, mail } = useSession()
  const [params] = useSearchParams()
  const location = useLocation()
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true
  const next = safeNext(params.get('next'))
  // What was typed in the form the page arrived with, before the app was here (./early-sign-in.ts).
  const [early] = useState(readEarlySignIn)
  const form = useForm({ email: early?.email ?? '', password: early?.password ?? '' })
  useDocumentTitle(t('signIn.title'))
  // Arriving to sign in, one types the address at once; after the early form, one goes on where one was.
  // The early form is read again as it leaves: a navigation renders in a transition, which may
  // pause between that first read and this commit, and keystrokes can land in the early form meanwhile.
  useLayoutEffect(() => {
    const last = readEarlySignIn() ?? early
    retireEarlySignIn()
    if (last && (last.email !== early?.email || last.password !== early?.password)) {
      form.setValues((values) => ({ ...values, email: last.email, password: last.password }))
    }
    form.ref.current?.querySelector<HTMLInputElement>(last?.focused === 'password' ? 'input[type="password"]' : 'input[type="email"]')?.focus()
  }, [form.ref, form.setValues, early])
  useEffect(() => {
    void loadSchemas().catch(() => {})
  }, [])

  if (setupNeeded) return <Navigate to="/setup" replace />
  if (me) return <Navigate to={next} replace />

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    form.setBusy(true)
    try {
      const checked = validate((await loadSchemas()).loginBody, form.values)
      if (!checked.ok) return form.setErrors(checked.errors)
      form.setErrors({})
      // With a session, this screen renders again and redirects to `next`.
      signedIn(await endpoints.login(checked.data))
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_input') form.setErrors(fieldErrorsFromServer(error.fields))
      form.setFormError(describeError(error))
      form.setValues((v) => ({ ...v, password: '' }))
    } finally {
      form.setBusy(false)
    }
  }

  return (
    <section className="page page-narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      <form ref={form.ref} className="card form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
        {setupDone && !form.formError && <Notice tone="info">{t('errors.setup_done')}</Notice>}
        <Field {...form.bind('email')} type="email" label={t('fields.email')} autoComplete="username" inputMode="email" spellCheck={false} required />
        <Field {...form.bind('password')} type="password" label={t('fields.password')} autoComplete="current-password" required />
        <SubmitButton busy={form.busy} label={t('signIn.submit')} busyLabel={t('signIn.submitting')} />
      </form>
      <div className="aside-text">
        {mail ? (
          <ForgotPassword email={form.values.email} />
        ) : (
          <p>
            <strong>{t('signIn.forgotTitle')}</strong> {t('signIn.forgot')}
          </p>
        )}
        <p>{t('signIn.noAccount')}</p>
      </div>
    </section>
  )
}
