import { useState, type FormEvent } from 'react'
import type { LinkResponse } from '../../../../shared/api'
import { createInvitationBody } from '../../../../shared/schemas'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import { validate } from '../../lib/forms'
import type { GrantScope } from '../../lib/grants'
import { useForm } from '../../lib/useForm'
import { CopyLink } from '../CopyLink'
import { Dialog } from '../Dialog'
import { Field, Notice, SelectField, SubmitButton } from '../ui'
import { initialRoleChoice, RoleFields, roleRequest, type RoleChoice } from './RoleFields'

const EXPIRY_DAYS = ['1', '3', '7', '14', '30'] as const
type ExpiryDays = (typeof EXPIRY_DAYS)[number]

/** Makes a single-use invitation link for a role in one space; the link is shown to copy. */
export function InviteDialog({ open, onClose, scopes }: { open: boolean; onClose: () => void; scopes: readonly GrantScope[] }) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('invite.title')} description={t('invite.description')}>
      <InviteFlow scopes={scopes} onClose={onClose} />
    </Dialog>
  )
}

function InviteFlow({ scopes, onClose }: { scopes: readonly GrantScope[]; onClose: () => void }) {
  const { t } = useI18n()
  const [link, setLink] = useState<LinkResponse | null>(null)
  // A new key starts the form afresh for "invite someone else".
  const [round, setRound] = useState(0)

  if (!link) return <InviteForm key={round} scopes={scopes} onCancel={onClose} onLink={setLink} />
  return (
    <div className="form">
      <Notice tone="success">{t('invite.ready')}</Notice>
      <CopyLink link={link} label={t('invite.link')} />
      <div className="actions actions-end">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setLink(null)
            setRound((n) => n + 1)
          }}
        >
          {t('invite.another')}
        </button>
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </div>
  )
}

function InviteForm({ scopes, onCancel, onLink }: { scopes: readonly GrantScope[]; onCancel: () => void; onLink: (link: LinkResponse) => void }) {
  const { t, message } = useI18n()
  const form = useForm({ email: '' })
  const [choice, setChoice] = useState<RoleChoice>(() => initialRoleChoice(scopes))
  const [days, setDays] = useState<ExpiryDays>('7')

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const email = form.values.email.trim()
    const checked = validate(createInvitationBody, {
      ...roleRequest(choice, scopes),
      email: email || undefined,
      expiresInDays: Number(days),
    })
    if (!checked.ok) return form.setErrors(checked.errors)
    await form.send(async () => onLink(await endpoints.createInvitation(checked.data)))
  }

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <RoleFields scopes={scopes} value={choice} onChange={setChoice} errors={form.errors} />
      <Field
        {...form.bind('email')}
        type="email"
        label={t('invite.email')}
        hint={t('invite.emailHint')}
        autoComplete="off"
        inputMode="email"
        spellCheck={false}
      />
      <SelectField
        name="expiresInDays"
        label={t('invite.expiry')}
        value={days}
        onChange={setDays}
        options={EXPIRY_DAYS.map((d) => ({ value: d, label: t('invite.days', { count: Number(d) }) }))}
      />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('invite.submit')} busyLabel={t('invite.submitting')} />
      </div>
    </form>
  )
}
