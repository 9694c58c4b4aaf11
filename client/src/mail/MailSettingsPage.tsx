import { useState } from 'react'
import { MAIL_MODES, MAIL_TOPICS, type MailMode, type MailPreferences, type MailTopic } from '../../../shared/api'
import { endpoints } from '../api'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'
import type { Message } from '../i18n/types'

/** The browser's own time zone, offered when the account still has the default. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** /me — what one receives by mail, per topic (at once, a daily digest, never), and the time zone of one's morning. */
export function Component() {
  const { t, message } = useI18n()
  useDocumentTitle(t('mailSettings.title'))
  const loaded = useLoad((signal) => endpoints.mailPreferences({ signal }), 'me')
  const [saved, setSaved] = useState<MailPreferences | null>(null)
  const [error, setError] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)
  const prefs = saved ?? loaded.data

  async function save(change: { timeZone?: string; topics?: Partial<Record<MailTopic, MailMode>> }) {
    if (!prefs) return
    const before = prefs
    // Shown at once, as chosen; put back if the server refuses it.
    setSaved({ ...prefs, ...(change.timeZone ? { timeZone: change.timeZone } : {}), topics: { ...prefs.topics, ...change.topics } })
    setBusy(true)
    setError(null)
    try {
      setSaved(await endpoints.saveMailPreferences(change))
    } catch (e) {
      setSaved(before)
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  if (loaded.status === 'error' && !prefs) return <Notice tone="error">{message(describeError(loaded.error))}</Notice>
  if (!prefs) return <Loading label={t('app.loading')} />
  const zone = browserZone()
  return (
    <section className="page page-narrow" aria-labelledby="mail-settings-title">
      <h1 id="mail-settings-title">{t('mailSettings.title')}</h1>
      {!prefs.enabled && <Notice tone="info">{t('mailSettings.off')}</Notice>}
      <p className="lead">{t('mailSettings.intro')}</p>
      {error && <Notice tone="error">{message(error)}</Notice>}
      <div className="card form" aria-busy={busy || undefined}>
        {MAIL_TOPICS.map((topic) => (
          <fieldset key={topic} className="mail-topic">
            <legend>{t(`mailSettings.topics.${topic}`)}</legend>
            <div className="mail-modes">
              {MAIL_MODES.map((mode) => (
                <label key={mode}>
                  <input
                    type="radio"
                    name={`mail-${topic}`}
                    value={mode}
                    checked={prefs.topics[topic] === mode}
                    disabled={busy}
                    onChange={() => void save({ topics: { [topic]: mode } })}
                  />{' '}
                  {t(`mailSettings.modes.${mode}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <p>
          {t('mailSettings.zone', { zone: prefs.timeZone })}{' '}
          {zone !== prefs.timeZone && (
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => void save({ timeZone: zone })}>
              {t('mailSettings.useZone', { zone })}
            </button>
          )}
        </p>
        <p className="muted">{t('mailSettings.always')}</p>
        <p role="status" className="muted">
          {saved && !busy ? t('mailSettings.saved') : ''}
        </p>
      </div>
    </section>
  )
}
