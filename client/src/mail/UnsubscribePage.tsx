import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { MAIL_TOPICS, type MailTopic } from '../../../shared/api'
import { endpoints } from '../api'
import { Notice, Spinner } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import type { Message } from '../i18n/types'

/** /unsubscribe/:token/:topic — a mail's "stop these mails" link: one button, no sign-in needed. */
export function UnsubscribePage() {
  const { token = '', topic = '' } = useParams()
  const { t, message } = useI18n()
  useDocumentTitle(t('unsubscribe.title'))
  const [state, setState] = useState<'ask' | 'busy' | 'done'>('ask')
  const [error, setError] = useState<Message | null>(null)
  const known = (MAIL_TOPICS as readonly string[]).includes(topic)

  async function confirm() {
    setState('busy')
    setError(null)
    try {
      await endpoints.unsubscribe(token, topic as MailTopic)
      setState('done')
    } catch (e) {
      setError(describeError(e))
      setState('ask')
    }
  }

  return (
    <section className="page page-narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t('unsubscribe.title')}</h1>
      {!known ? (
        <Notice tone="error">{t('unsubscribe.invalid')}</Notice>
      ) : state === 'done' ? (
        <Notice tone="success">
          {t('unsubscribe.done', { topic: t(`mailSettings.topics.${topic as MailTopic}`) })} <Link to="/me">{t('unsubscribe.settings')}</Link>
        </Notice>
      ) : (
        <div className="card form">
          {error && <Notice tone="error">{message(error)}</Notice>}
          <p>{t('unsubscribe.ask', { topic: t(`mailSettings.topics.${topic as MailTopic}`) })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void confirm()}
              disabled={state === 'busy'}
              aria-busy={state === 'busy' || undefined}
            >
              {state === 'busy' && <Spinner />}
              {t('unsubscribe.confirm')}
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
