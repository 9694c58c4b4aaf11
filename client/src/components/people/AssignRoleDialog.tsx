import { useState, type FormEvent } from 'react'
import type { PersonView } from '../../../../shared/api'
import { grantRoleBody } from '../../../../shared/schemas'
import { endpoints } from '../../api'
import type { Message } from '../../i18n/types'
import { useI18n } from '../../i18n/useI18n'
import { describeError } from '../../lib/errors'
import { validate, type FieldErrors } from '../../lib/forms'
import type { GrantScope } from '../../lib/grants'
import { Dialog } from '../Dialog'
import { Notice, SubmitButton } from '../ui'
import { initialRoleChoice, RoleFields, roleRequest, type RoleChoice } from './RoleFields'

/** Gives a person already listed another role, here or in one of the network's cities. */
export function AssignRoleDialog({
  user,
  open,
  onClose,
  scopes,
  onDone,
}: {
  user: PersonView['user']
  open: boolean
  onClose: () => void
  scopes: readonly GrantScope[]
  onDone: () => void
}) {
  const { t } = useI18n()
  const description = [user.email && t('assign.account', { email: user.email }), t('assign.description')].filter(Boolean).join(' ')
  return (
    <Dialog open={open} onClose={onClose} title={t('assign.title', { name: user.name })} description={description}>
      <AssignForm user={user} scopes={scopes} onCancel={onClose} onDone={onDone} />
    </Dialog>
  )
}

function AssignForm({ user, scopes, onCancel, onDone }: { user: PersonView['user']; scopes: readonly GrantScope[]; onCancel: () => void; onDone: () => void }) {
  const { t, message } = useI18n()
  const [choice, setChoice] = useState<RoleChoice>(() => initialRoleChoice(scopes))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    setFormError(null)
    const checked = validate(grantRoleBody, { ...roleRequest(choice, scopes), userId: user.id })
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    setBusy(true)
    try {
      await endpoints.grantRole(checked.data)
      onDone()
    } catch (error) {
      setFormError(describeError(error))
      setBusy(false)
    }
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {formError && <Notice tone="error">{message(formError)}</Notice>}
      <RoleFields scopes={scopes} value={choice} onChange={setChoice} errors={errors} />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={busy} label={t('assign.submit')} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}
