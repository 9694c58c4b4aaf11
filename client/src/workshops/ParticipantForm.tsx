import { useState, type FormEvent } from 'react'
import type { NetworkDetail, WorkshopView } from '../../../shared/api'
import { participantBody } from '../../../shared/schemas'
import { PARTICIPANT_KINDS, type ParticipantKind } from '../../../shared/workshops'
import { endpoints } from '../api'
import { Field, Notice, SelectField, SubmitButton } from '../components/ui'
import type { MessageKey } from '../i18n/types'
import { useI18n } from '../i18n/useI18n'
import { validate } from '../lib/forms'
import { useForm } from '../lib/useForm'

/** Why the secretariat's caps refuse one more funded participant of this kind, in the form's words. */
const CAP_MESSAGES: Record<ParticipantKind, MessageKey> = {
  local_expert: 'workshop.cap.experts',
  international_expert: 'workshop.cap.experts',
  advisory: 'workshop.cap.advisory',
  city_representative: 'workshop.cap.city',
}

/**
 * Adds someone to the workshop: an expert, an adviser or a member city's representative, with an
 * account or by name (they get an invitation link later), funded by the secretariat or not.
 */
export function ParticipantForm({
  workshop,
  network,
  onAdded,
}: {
  workshop: WorkshopView
  network: NetworkDetail
  onAdded: (w: WorkshopView, name: string) => void
}) {
  const { t, message } = useI18n()
  const form = useForm({ name: '', email: '' })
  const [kind, setKind] = useState<ParticipantKind>('local_expert')
  const [userId, setUserId] = useState('')
  const [cityId, setCityId] = useState('')
  const [funded, setFunded] = useState(false)
  const [exception, setException] = useState(false)
  const accounts = [...new Map(network.people.map((p) => [p.user.id, p.user])).values()]
  const forCity = kind === 'city_representative'

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    if (forCity && !cityId) return form.setErrors({ cityId: { key: 'validation.required' } })
    const body = {
      kind,
      funded,
      exception: forCity && funded && exception,
      ...(userId ? { userId } : { name: form.values.name, email: form.values.email || undefined }),
      ...(forCity ? { cityId } : {}),
    }
    const checked = validate(participantBody, body)
    if (!checked.ok) return form.setErrors(checked.errors)
    const name = userId ? (accounts.find((a) => a.id === userId)?.name ?? '') : form.values.name.trim()
    await form.send(
      async () => {
        onAdded(await endpoints.addParticipant(workshop.id, checked.data), name)
        form.setValues({ name: '', email: '' })
        setUserId('')
        setFunded(false)
        setException(false)
        form.setBusy(false)
      },
      { messages: { funding_cap: CAP_MESSAGES[kind] } },
    )
  }

  return (
    <form ref={form.ref} className="form participant-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="add-participant-title">
      <h3 id="add-participant-title">{t('workshop.addParticipant')}</h3>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <SelectField
        name="kind"
        label={t('workshop.fields.kind')}
        value={kind}
        onChange={setKind}
        options={PARTICIPANT_KINDS.map((k) => ({ value: k, label: t(`workshop.kind.${k}`) }))}
      />
      {forCity && (
        <SelectField
          name="cityId"
          label={t('workshop.fields.city')}
          value={cityId}
          onChange={setCityId}
          error={form.errors.cityId}
          options={[{ value: '', label: t('workshop.fields.chooseCity') }, ...network.memberships.map((m) => ({ value: m.city.id, label: m.city.name }))]}
        />
      )}
      <SelectField
        name="userId"
        label={t('workshop.fields.account')}
        value={userId}
        onChange={setUserId}
        options={[{ value: '', label: t('workshop.fields.noAccount') }, ...accounts.map((a) => ({ value: a.id, label: a.name }))]}
      />
      {!userId && (
        <div className="date-fields-row">
          <Field {...form.bind('name')} label={t('workshop.fields.name')} autoComplete="off" maxLength={120} required />
          <Field {...form.bind('email')} type="email" label={t('workshop.fields.email')} hint={t('workshop.fields.emailHint')} autoComplete="off" />
        </div>
      )}
      <label className="check-option">
        <input type="checkbox" name="funded" checked={funded} onChange={(e) => setFunded(e.target.checked)} />
        <span>{t('workshop.fields.funded')}</span>
      </label>
      {forCity && funded && (
        <label className="check-option">
          <input type="checkbox" name="exception" checked={exception} onChange={(e) => setException(e.target.checked)} />
          <span>{t('workshop.fields.exception')}</span>
        </label>
      )}
      <div className="actions">
        <SubmitButton busy={form.busy} label={t('workshop.add')} busyLabel={t('workshop.adding')} />
      </div>
    </form>
  )
}
