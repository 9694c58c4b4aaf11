import { useState, type FormEvent } from 'react'
import type { MembershipView, WorkshopView } from '../../../shared/api'
import { workshopBody } from '../../../shared/schemas'
import { OBJECTIVE_SUGGESTIONS } from '../../../shared/workshops'
import { endpoints } from '../api'
import { Dialog } from '../components/Dialog'
import { Field, Notice, SelectField, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { validate } from '../lib/forms'
import { useForm } from '../lib/useForm'

type Props = {
  networkId: string
  memberships: readonly MembershipView[]
  /** The workshop to change; none to organise a new one. */
  workshop?: WorkshopView
  open: boolean
  onClose: () => void
  onSaved: (workshop: WorkshopView) => void
}

/** Organises a workshop (its agenda and four deliverables are made with it), or changes one. */
export function WorkshopDialog(props: Props) {
  const { t } = useI18n()
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={t(props.workshop ? 'workshops.editTitle' : 'workshops.createTitle')}
      description={props.workshop ? undefined : t('workshops.createDescription')}
    >
      <WorkshopForm {...props} />
    </Dialog>
  )
}

function WorkshopForm({ networkId, memberships, workshop, onClose, onSaved }: Props) {
  const { t, message } = useI18n()
  const suggestions = OBJECTIVE_SUGGESTIONS.map((key) => t(`workshops.suggested.${key}`))
  const pilot = memberships.find((m) => m.kind === 'pilot')
  const form = useForm({
    title: workshop?.title ?? '',
    startsOn: workshop?.startsOn ?? '',
    endsOn: workshop?.endsOn ?? '',
    place: workshop?.place ?? '',
  })
  const [host, setHost] = useState(workshop ? (workshop.host?.id ?? '') : (pilot?.city.id ?? ''))
  const [chosen, setChosen] = useState<string[]>(workshop?.objectives.filter((o) => suggestions.includes(o)) ?? [])
  const [others, setOthers] = useState(workshop?.objectives.filter((o) => !suggestions.includes(o)).join('\n') ?? '')

  const toggle = (objective: string, on: boolean) => setChosen((c) => (on ? [...c, objective] : c.filter((o) => o !== objective)))

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const objectives = [
      ...suggestions.filter((s) => chosen.includes(s)),
      ...others
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean),
    ]
    const checked = validate(workshopBody, { ...form.values, hostCityId: host || null, objectives })
    if (!checked.ok) return form.setErrors(checked.errors)
    await form.send(async () =>
      onSaved(await (workshop ? endpoints.updateWorkshop(workshop.id, checked.data) : endpoints.createWorkshop(networkId, checked.data))),
    )
  }

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <Field {...form.bind('title')} label={t('workshops.fields.title')} autoComplete="off" maxLength={200} required data-autofocus="" />
      <div className="date-fields-row">
        <Field {...form.bind('startsOn')} type="date" label={t('workshops.fields.startsOn')} required />
        <Field {...form.bind('endsOn')} type="date" label={t('workshops.fields.endsOn')} hint={t('workshops.fields.daysHint')} required />
      </div>
      <Field {...form.bind('place')} label={t('workshops.fields.place')} hint={t('workshops.fields.placeHint')} autoComplete="off" maxLength={200} />
      <SelectField
        name="hostCityId"
        label={t('workshops.fields.host')}
        hint={t('workshops.fields.hostHint')}
        value={host}
        onChange={setHost}
        error={form.errors.hostCityId}
        options={[{ value: '', label: t('workshops.fields.noHost') }, ...memberships.map((m) => ({ value: m.city.id, label: m.city.name }))]}
      />
      <fieldset className="objectives">
        <legend>{t('workshops.fields.objectives')}</legend>
        <p className="field-hint">{t('workshops.fields.objectivesHint')}</p>
        {suggestions.map((s) => (
          <label key={s} className="check-option">
            <input type="checkbox" checked={chosen.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
            <span>{s}</span>
          </label>
        ))}
      </fieldset>
      <TextAreaField
        name="otherObjectives"
        label={t('workshops.fields.otherObjectives')}
        value={others}
        onChange={setOthers}
        error={form.errors.objectives}
        rows={3}
      />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <SubmitButton
          busy={form.busy}
          label={t(workshop ? 'common.save' : 'workshops.create')}
          busyLabel={t(workshop ? 'common.saving' : 'workshops.creating')}
        />
      </div>
    </form>
  )
}
