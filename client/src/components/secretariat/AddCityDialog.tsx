import { useEffect, useState, type FormEvent } from 'react'
import type { NetworkDetail } from '../../../../shared/api'
import type { MembershipKind } from '../../../../shared/domain'
import { addCityBody } from '../../../../shared/schemas'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import { validate, type FieldErrors } from '../../lib/forms'
import { parseLanguages } from '../../lib/languages'
import { datesFromInputs } from '../../lib/memberships'
import { useForm } from '../../lib/useForm'
import { useLoad } from '../../lib/useLoad'
import { Dialog } from '../Dialog'
import { Field, Loading, Notice, RadioGroup, SelectField, SubmitButton } from '../ui'
import { MembershipDateFields } from './MembershipDateFields'
import { MembershipKindField } from './MembershipKindField'

type Source = 'existing' | 'new'

/** Brings a city into the network: one Atelier knows already, or a new one. */
export function AddCityDialog({
  network,
  open,
  onClose,
  onAdded,
}: {
  network: NetworkDetail
  open: boolean
  onClose: () => void
  onAdded: (detail: NetworkDetail, cityName: string) => void
}) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('addCity.title')} description={t('addCity.description', { network: network.name })}>
      <AddCityForm network={network} onCancel={onClose} onAdded={onAdded} />
    </Dialog>
  )
}

/** The body's field paths, as the form shows them: every language error on the one languages input. */
function formErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [path, error] of Object.entries(errors)) {
    const key = path.startsWith('city.languages') ? 'city.languages' : path
    out[key] ??= error
  }
  return out
}

function AddCityForm({
  network,
  onCancel,
  onAdded,
}: {
  network: NetworkDetail
  onCancel: () => void
  onAdded: (detail: NetworkDetail, cityName: string) => void
}) {
  const { t, message } = useI18n()
  const candidates = useLoad((signal) => endpoints.cityCandidates(network.id, { signal }), network.id)
  const options = candidates.data ?? []
  const [chosenSource, setSource] = useState<Source | null>(null)
  const source: Source = chosenSource ?? (options.length > 0 ? 'existing' : 'new')
  const [cityId, setCityId] = useState('')
  const pilot = network.memberships.find((m) => m.kind === 'pilot')
  const [kind, setKind] = useState<MembershipKind>(pilot ? 'member' : 'pilot')
  const form = useForm({ 'city.name': '', 'city.country': '', 'city.languages': '', selectedOn: '', confirmedOn: '', startedOn: '' })
  const chosenCity = cityId || options[0]?.id || ''
  const loaded = candidates.status !== 'loading' || candidates.data !== undefined

  // The dialog opens on a spinner; once the form is there, start on its first choice.
  useEffect(() => {
    if (loaded) form.ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
  }, [loaded, form.ref])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const v = form.values
    const city =
      source === 'existing'
        ? { cityId: chosenCity || undefined }
        : { city: { name: v['city.name'], country: v['city.country'], languages: parseLanguages(v['city.languages']) } }
    const checked = validate(addCityBody, { ...city, kind, ...datesFromInputs(v, undefined) })
    if (!checked.ok) return form.setErrors(formErrors(checked.errors))
    const name = source === 'existing' ? (options.find((c) => c.id === chosenCity)?.name ?? '') : v['city.name'].trim()
    await form.send(async () => onAdded(await endpoints.addCity(network.id, checked.data), name), {
      messages: { conflict: 'addCity.pilotTaken' },
      fields: formErrors,
    })
  }

  if (!loaded) return <Loading label={t('app.loading')} />

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      {candidates.status === 'error' && <Notice tone="info">{t('addCity.candidatesError')}</Notice>}
      {options.length > 0 && (
        <RadioGroup
          legend={t('addCity.source')}
          name="source"
          value={source}
          autoFocus
          onChange={setSource}
          options={[
            { value: 'existing', label: t('addCity.existing') },
            { value: 'new', label: t('addCity.new') },
          ]}
        />
      )}
      {source === 'existing' ? (
        <SelectField
          name="cityId"
          label={t('addCity.city')}
          value={chosenCity}
          onChange={setCityId}
          error={form.errors.cityId}
          options={options.map((c) => ({ value: c.id, label: c.country ? t('addCity.cityOption', { name: c.name, country: c.country }) : c.name }))}
        />
      ) : (
        <fieldset>
          <legend>{t('addCity.newCity')}</legend>
          <Field
            {...form.bind('city.name')}
            label={t('addCity.name')}
            autoComplete="off"
            maxLength={160}
            required
            data-autofocus={options.length === 0 ? '' : undefined}
          />
          <Field {...form.bind('city.country')} label={t('addCity.country')} autoComplete="off" maxLength={100} />
          <Field {...form.bind('city.languages')} label={t('addCity.languages')} hint={t('addCity.languagesHint')} autoComplete="off" spellCheck={false} />
        </fieldset>
      )}
      <MembershipKindField value={kind} onChange={setKind} pilotName={pilot?.city.name ?? null} error={form.errors.kind} />
      <MembershipDateFields bind={form.bind} />
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('addCity.submit')} busyLabel={t('addCity.submitting')} />
      </div>
    </form>
  )
}
