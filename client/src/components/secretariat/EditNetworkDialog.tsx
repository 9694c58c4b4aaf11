import { useState, type FormEvent } from 'react'
import type { NetworkDetail } from '../../../../shared/api'
import { NETWORK_STATUSES, type NetworkStatus } from '../../../../shared/domain'
import { updateNetworkBody } from '../../../../shared/schemas'
import { endpoints } from '../../api'
import { useI18n } from '../../i18n/useI18n'
import { validate } from '../../lib/forms'
import { useForm } from '../../lib/useForm'
import { Dialog } from '../Dialog'
import { Field, Notice, RadioGroup, SubmitButton, TextAreaField } from '../ui'

/** The network's name, priority theme, description and status, and what its cycle requires of submissions. */
export function EditNetworkDialog({
  network,
  open,
  onClose,
  onSaved,
}: {
  network: NetworkDetail
  open: boolean
  onClose: () => void
  onSaved: (detail: NetworkDetail) => void
}) {
  const { t } = useI18n()
  return (
    <Dialog open={open} onClose={onClose} title={t('editNetwork.title')}>
      <EditNetworkForm network={network} onCancel={onClose} onSaved={onSaved} />
    </Dialog>
  )
}

function EditNetworkForm({ network, onCancel, onSaved }: { network: NetworkDetail; onCancel: () => void; onSaved: (detail: NetworkDetail) => void }) {
  const { t, message } = useI18n()
  const form = useForm({ name: network.name, theme: network.theme })
  const [description, setDescription] = useState(network.description)
  const [status, setStatus] = useState<NetworkStatus>(network.status)
  const [requireSettledSuggestions, setRequireSettledSuggestions] = useState(network.requireSettledSuggestions)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (form.busy) return
    form.setFormError(null)
    const checked = validate(updateNetworkBody, { ...form.values, description, status, requireSettledSuggestions })
    if (!checked.ok) return form.setErrors(checked.errors)
    await form.send(async () => onSaved(await endpoints.updateNetwork(network.id, checked.data)))
  }

  return (
    <form ref={form.ref} className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
      <Field {...form.bind('name')} label={t('fields.networkName')} autoComplete="off" maxLength={160} required data-autofocus="" />
      <Field {...form.bind('theme')} label={t('network.theme')} hint={t('editNetwork.themeHint')} autoComplete="off" maxLength={300} />
      <TextAreaField
        name="description"
        label={t('network.description')}
        value={description}
        onChange={setDescription}
        error={form.errors.description}
        rows={5}
        maxLength={4000}
      />
      <RadioGroup
        legend={t('network.status')}
        name="status"
        value={status}
        onChange={setStatus}
        error={form.errors.status}
        options={NETWORK_STATUSES.map((s) => ({ value: s, label: t(`networkStatus.${s}`), description: t(`editNetwork.statusHelp.${s}`) }))}
      />
      <label className="check-option">
        <input
          type="checkbox"
          name="requireSettledSuggestions"
          checked={requireSettledSuggestions}
          onChange={(e) => setRequireSettledSuggestions(e.target.checked)}
          aria-describedby="require-settled-hint"
        />
        <span>{t('suggestionGate.setting')}</span>
      </label>
      <p id="require-settled-hint" className="muted">
        {t('suggestionGate.settingHint')}
      </p>
      <div className="actions actions-end">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <SubmitButton busy={form.busy} label={t('common.save')} busyLabel={t('common.saving')} />
      </div>
    </form>
  )
}
