import { useState, type FormEvent } from 'react'
import type { MembershipView, NetworkDetail } from '../../../../shared/api'
import type { MembershipKind } from '../../../../shared/domain'
import { updateMembershipBody } from '../../../../shared/schemas'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import { validate } from '../../lib/forms'
import { datesFromInputs, datesToInputs } from '../../lib/memberships'
import { useForm } from '../../lib/useForm'
import { Dialog } from '../Dialog'
import { Notice, SubmitButton } from '../ui'
import { MembershipDateFields } from './MembershipDateFields'
import { MembershipKindField } from './MembershipKindField'

/** Changes a city's place in the network (pilot or member) and its dates. */
export function EditMembershipDialog({
  network,
  membership,
  open,
  onClose,
  onSaved,
}: {
  network: NetworkDetail
  membership: MembershipView
  open: boolean
  onClose: () => void
  onSaved: (detail: NetworkDetail) => void
}) {
  const { t } = useI18n()
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('editMembership.title', { city: membership.city.name })}
      description={t('editMembership.description', { network: network.name })}
    >
      <EditMembershipForm network={network} membership={membership} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  )
}

function EditMembershipForm({
  network,
  membership,
  onCancel,
  onSaved,
}: {
  network: NetworkDetail
  membership: MembershipView
  onCancel: () => void
  onSaved: (detail: NetworkDetail) => void
}) {
  const { t, message } = useI18n()
  const form = useForm(datesToInputs(membership))
  const [kind, setKind] = useState<MembershipKind>(membership.kind)
  const otherPilot = network.memberships.find((m) => m.kind === 'pilot' && m.city.id !== membership.city.id)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const checked = validate(updateMembershipBody, { kind, ...datesFromInputs(form.values, null) })
    if (!checked.ok) return form.setErrors(checked.errors)
    await form.send(async () => onSaved(await endpoints.updateMembership(network.id, membership.city.id, checked.data)), {
      messages: { conflict: 'addCity.pilotTaken' },
    })
  }

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <MembershipKindField value={kind} onChange={setKind} pilotName={otherPilot?.city.name ?? null} error={form.errors.kind} autoFocus />
      <MembershipDateFields bind={form.bind} />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('common.save')} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}
