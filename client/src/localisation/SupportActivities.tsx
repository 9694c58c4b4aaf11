import { useEffect, useRef, useState } from 'react'
import type { CityLocalisation } from '../../../shared/api'
import { STEP_STATUSES, SUPPORT_ACTIVITIES, type StepStatus } from '../../../shared/localisation'
import { endpoints } from '../api'
import { Notice, SelectField, SubmitButton, TextAreaField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { useForm } from '../lib/useForm'

type Props = { cityId: string; view: CityLocalisation; onSaved: (view: CityLocalisation, name: string) => void }

/** The five support activities that accompany every phase, each with its status and a note. */
export function SupportActivities({ cityId, view, onSaved }: Props) {
  const { t, locale } = useI18n()
  return (
    <div className="cityworks-phase">
      <h3>{t('localisation.support')}</h3>
      <p className="muted">{t('localisation.supportIntro')}</p>
      <ul className="cityworks-steps">
        {SUPPORT_ACTIVITIES.map((content) => {
          const activity = view.supportActivities.find((a) => a.key === content.key)!
          return (
            <Activity
              key={content.key}
              cityId={cityId}
              name={content.name[locale]}
              activity={activity}
              editable={view.allowed.track}
              onSaved={(next) => onSaved(next, content.name[locale])}
            />
          )
        })}
      </ul>
    </div>
  )
}

type ActivityProps = {
  cityId: string
  name: string
  activity: CityLocalisation['supportActivities'][number]
  editable: boolean
  onSaved: (view: CityLocalisation) => void
}

function Activity({ cityId, name, activity, editable, onSaved }: ActivityProps) {
  const { t, message } = useI18n()
  const [editing, setEditing] = useState(false)
  const form = useForm({ status: activity.status as StepStatus, note: activity.note })
  const editButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)
  // Opening the form takes the keyboard into it; closing it brings it back to the button.
  useEffect(() => {
    if (editing) form.ref.current?.querySelector('select')?.focus()
    else if (wasEditing.current) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing, form.ref])
  const title = t('localisation.editSupport', { name })

  return (
    <li className="cityworks-step" data-activity={activity.key}>
      <div className="cityworks-step-head">
        <h4>{name}</h4>
        <span className={`badge cityworks-status cityworks-status-${activity.status}`}>{t(`localisation.statuses.${activity.status}`)}</span>
      </div>
      {activity.note && <p className="timeline-message">{activity.note}</p>}
      {editable &&
        (editing ? (
          <form
            ref={form.ref}
            className="form cityworks-form"
            aria-label={title}
            onSubmit={(e) => {
              e.preventDefault()
              void form.send(async () => {
                const next = await endpoints.updateSupportActivity(cityId, activity.key, form.values)
                setEditing(false)
                form.setBusy(false)
                onSaved(next)
              })
            }}
          >
            <SelectField
              name="status"
              label={t('localisation.status')}
              value={form.values.status}
              options={STEP_STATUSES.map((s) => ({ value: s, label: t(`localisation.statuses.${s}`) }))}
              onChange={(status) => form.setValues((v) => ({ ...v, status }))}
            />
            <TextAreaField
              name="note"
              label={t('localisation.note')}
              rows={2}
              maxLength={4000}
              value={form.values.note}
              onChange={(note) => form.setValues((v) => ({ ...v, note }))}
            />
            {form.formError && <Notice tone="error">{message(form.formError)}</Notice>}
            <div className="actions actions-end">
              <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
              <SubmitButton busy={form.busy} label={t('common.save')} busyLabel={t('common.saving')} />
            </div>
          </form>
        ) : (
          <div className="cityworks-step-foot cityworks-step-foot-end">
            <button
              ref={editButton}
              type="button"
              className="button button-quiet"
              aria-label={title}
              onClick={() => {
                form.setValues({ status: activity.status, note: activity.note })
                setEditing(true)
              }}
            >
              {t('localisation.edit')}
            </button>
          </div>
        ))}
    </li>
  )
}
