import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { InvitationView, MeResponse } from '../../../shared/api'
import { acceptInvitationBody } from '../../../shared/schemas'
import { endpoints, isApiError, type ClientErrorCode } from '../api'
import { useSession } from '../app/session'
import { AccountFields } from '../components/AccountFields'
import { Loading, Notice, Spinner, SubmitButton } from '../components/ui'
import { currentLocale } from '../i18n'
import type { Message, MessageKey } from '../i18n/types'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { formatDate, formatDayRange } from '../lib/format'
import { fieldErrorsFromServer, validate } from '../lib/forms'
import { roleLabelKey, spacePhraseKey } from '../lib/roles'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useForm } from '../lib/useForm'
import { useLoad } from '../lib/useLoad'

/** Codes meaning the link itself cannot be used: the screen says so instead of showing the form. */
const DEAD_LINK_TITLES: Partial<Record<ClientErrorCode, MessageKey>> = {
  link_invalid: 'invitation.invalidTitle',
  not_found: 'invitation.invalidTitle',
  link_expired: 'invitation.expiredTitle',
  link_used: 'invitation.usedTitle',
}
const MESSAGES: Partial<Record<ClientErrorCode, MessageKey>> = {
  not_found: 'errors.link_invalid',
  link_expired: 'invitation.expired',
  link_used: 'invitation.used',
}

const isDeadLink = (error: unknown) => isApiError(error) && DEAD_LINK_TITLES[error.code] !== undefined

/** /invitation/:token — what you are invited to, then create an account or add the role to yours. */
export function InvitationPage() {
  const { token = '' } = useParams()
  const { t, message } = useI18n()
  const invitation = useLoad((signal) => endpoints.invitation(token, { signal }), token)
  const [deadLink, setDeadLink] = useState<unknown>(null)
  useDocumentTitle(t('invitation.title'))

  const failure = deadLink ?? (invitation.status === 'error' ? invitation.error : null)
  if (failure) {
    const titleKey = isApiError(failure) ? DEAD_LINK_TITLES[failure.code] : undefined
    return (
      <section className="page page-narrow" aria-labelledby="invitation-title">
        <h1 id="invitation-title">{t(titleKey ?? 'invitation.title')}</h1>
        <Notice tone="error">{message(describeError(failure, MESSAGES))}</Notice>
        {isApiError(failure) && failure.code === 'link_used' && <p>{t('invitation.usedHint')}</p>}
        <p className="actions">
          {titleKey ? (
            <Link className="button button-quiet" to="/">
              {t('common.backHome')}
            </Link>
          ) : (
            // Offline or server trouble: the link may well be fine.
            <button type="button" className="button button-primary" onClick={invitation.reload}>
              {t('common.retry')}
            </button>
          )}
        </p>
      </section>
    )
  }
  if (invitation.status !== 'ready') return <Loading label={t('app.loading')} />
  return <InvitationDetails token={token} invitation={invitation.data} onDeadLink={setDeadLink} />
}

type Props = { token: string; invitation: InvitationView; onDeadLink: (error: unknown) => void }

/** Where an accepted invitation lands: the workshop it opens, or home with a welcome to the space. */
function landing(invitation: InvitationView): [string, { welcome: InvitationView['space'] } | undefined] {
  return invitation.workshop ? [`/workshops/${invitation.workshop.id}`, undefined] : ['/', { welcome: invitation.space }]
}

function InvitationDetails({ token, invitation, onDeadLink }: Props) {
  const { t, locale } = useI18n()
  const { me } = useSession()

  return (
    <section className="page page-narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t('invitation.heading')}</h1>
      <div className="card invitation-summary">
        {invitation.workshop ? <WorkshopSummary workshop={invitation.workshop} /> : <RoleSummary invitation={invitation} />}
        <p className="muted">
          {invitation.invitedBy && <>{t('invitation.invitedBy', { name: invitation.invitedBy })} </>}
          {t('invitation.expires', { date: formatDate(invitation.expiresAt, locale) })}
        </p>
      </div>
      {me ? (
        <AcceptSignedIn token={token} invitation={invitation} me={me} onDeadLink={onDeadLink} />
      ) : (
        <AcceptWithNewAccount token={token} invitation={invitation} onDeadLink={onDeadLink} />
      )}
    </section>
  )
}

function RoleSummary({ invitation }: { invitation: InvitationView }) {
  const { t } = useI18n()
  const space = t(spacePhraseKey(invitation.space.type), { name: invitation.space.name })
  return (
    <>
      <p>{t('invitation.summary', { space })}</p>
      {invitation.role && <p className="invitation-role">{t(roleLabelKey(invitation.role, invitation.expertKind))}</p>}
    </>
  )
}

/** Someone taking part in a workshop without an account: the link opens its documents, and gives no role. */
function WorkshopSummary({ workshop }: { workshop: NonNullable<InvitationView['workshop']> }) {
  const { t, locale } = useI18n()
  const days = { title: workshop.title, ...formatDayRange(workshop.startsOn, workshop.endsOn, locale) }
  return (
    <>
      <p>{workshop.place ? t('workshopAccess.invitation.summaryAt', { ...days, place: workshop.place }) : t('workshopAccess.invitation.summary', days)}</p>
      <p>{t('workshopAccess.invitation.scope')}</p>
    </>
  )
}

/** The server refuses an invitation made for another address with 403 forbidden. */
function acceptError(error: unknown, invitation: InvitationView, overrides: Partial<Record<ClientErrorCode, MessageKey>> = {}): Message {
  if (isApiError(error) && error.code === 'forbidden' && invitation.email) {
    return { key: 'invitation.wrongAccount', values: { email: invitation.email } }
  }
  return describeError(error, overrides)
}

function AcceptSignedIn({ token, invitation, me, onDeadLink }: Props & { me: MeResponse }) {
  const { t, message } = useI18n()
  const { signedIn, signOut } = useSession()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)
  const wrongAccount = !!invitation.email && invitation.email.toLowerCase() !== me.user.email.toLowerCase()

  async function accept() {
    setBusy(true)
    setError(null)
    try {
      signedIn(await endpoints.acceptInvitation(token, {}))
      const [to, state] = landing(invitation)
      void navigate(to, { replace: true, state })
    } catch (e) {
      if (isDeadLink(e)) return onDeadLink(e)
      setError(acceptError(e, invitation, { needs_secretariat: 'invitation.needsSecretariat' }))
      setBusy(false)
    }
  }

  async function switchAccount() {
    setError(null)
    try {
      await signOut()
    } catch (e) {
      setError(describeError(e))
    }
  }

  return (
    <div className="card form">
      {error && <Notice tone="error">{message(error)}</Notice>}
      {wrongAccount ? (
        <Notice tone="info">{t('invitation.wrongAccount', { email: invitation.email ?? '' })}</Notice>
      ) : (
        <>
          <p>{t(invitation.workshop ? 'workshopAccess.invitation.signedInAs' : 'invitation.signedInAs', { name: me.user.name, email: me.user.email })}</p>
          <p className="actions">
            <button type="button" className="button button-primary" onClick={() => void accept()} disabled={busy} aria-busy={busy || undefined}>
              {busy && <Spinner />}
              <span>{busy ? t('invitation.accepting') : t('invitation.accept')}</span>
            </button>
          </p>
        </>
      )}
      <p className="muted">
        {t('invitation.notYou')}{' '}
        <button type="button" className="link-button" onClick={() => void switchAccount()}>
          {t('invitation.signOut')}
        </button>
      </p>
    </div>
  )
}

function AcceptWithNewAccount({ token, invitation, onDeadLink }: Props) {
  const { t, message } = useI18n()
  const { signedIn } = useSession()
  const navigate = useNavigate()
  const form = useForm({ name: '', email: invitation.email ?? '', password: '' })
  const signInHere = `/signin?next=${encodeURIComponent(`/invitation/${encodeURIComponent(token)}`)}`

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    // The schema makes every field optional (a signed-in acceptance sends none); here all are needed.
    const checked = validate(acceptInvitationBody.required(), form.values)
    if (!checked.ok) return form.setErrors(checked.errors)
    form.setErrors({})
    form.setBusy(true)
    try {
      let me = await endpoints.acceptInvitation(token, checked.data)
      // The body has no locale, so the new account does not know the language chosen here yet.
      const locale = currentLocale()
      if (me.user.locale !== locale) me = await endpoints.updateMe({ locale }).catch(() => me)
      signedIn(me)
      const [to, state] = landing(invitation)
      void navigate(to, { replace: true, state })
    } catch (error) {
      if (isDeadLink(error)) return onDeadLink(error)
      if (isApiError(error) && error.code === 'invalid_input') form.setErrors(fieldErrorsFromServer(error.fields))
      form.setFormError(acceptError(error, invitation, { conflict: 'invitation.emailTaken' }))
      form.setBusy(false)
    }
  }

  return (
    <>
      <form ref={form.ref} className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="accept-title">
        <h2 id="accept-title">{t('invitation.createAccount')}</h2>
        {form.formError && (
          <Notice tone="error">
            {message(form.formError)}
            {form.formError.key === 'invitation.emailTaken' && (
              <>
                {' '}
                <Link to={signInHere}>{t('invitation.signInToAccept')}</Link>
              </>
            )}
          </Notice>
        )}
        <AccountFields
          bind={form.bind}
          email={{ fixed: invitation.email, hint: invitation.email ? t('invitation.forEmail', { email: invitation.email }) : undefined }}
        />
        <SubmitButton busy={form.busy} label={t('invitation.submitCreate')} busyLabel={t('invitation.accepting')} />
      </form>
      <p className="aside-text">
        {t('invitation.haveAccount')} <Link to={signInHere}>{t('invitation.signInToAccept')}</Link>
      </p>
    </>
  )
}
