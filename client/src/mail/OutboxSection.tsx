import type { OutboxEntry } from '../../../shared/api'
import { endpoints } from '../api'
import { Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { formatDateTime } from '../lib/format'
import { useLoad } from '../lib/useLoad'

/** For the secretariat: the mails Atelier sent about the network — sent, waiting for another try (and why), or given up. */
export function OutboxSection({ networkId }: { networkId: string }) {
  const { t, message } = useI18n()
  const outbox = useLoad((signal) => endpoints.outbox(networkId, { signal }), networkId)

  return (
    <section className="space-section" aria-labelledby="outbox-title">
      <div className="section-head">
        <h2 id="outbox-title">{t('outbox.title')}</h2>
        <button type="button" className="button button-quiet" onClick={outbox.reload}>
          {t('outbox.refresh')}
        </button>
      </div>
      {outbox.status === 'error' && <Notice tone="error">{message(describeError(outbox.error))}</Notice>}
      {outbox.data && !outbox.data.enabled && <p className="empty-line">{t('outbox.off')}</p>}
      {outbox.data?.enabled && outbox.data.mails.length === 0 && <p className="empty-line">{t('outbox.empty')}</p>}
      {outbox.data?.enabled && outbox.data.mails.length > 0 && (
        <ul className="outbox-list">
          {outbox.data.mails.map((mail) => (
            <OutboxItem key={mail.id} mail={mail} />
          ))}
        </ul>
      )}
    </section>
  )
}

function OutboxItem({ mail }: { mail: OutboxEntry }) {
  const { t, locale } = useI18n()
  const when = (iso: string) => formatDateTime(iso, locale)
  const state =
    mail.status === 'sent'
      ? t('outbox.sent', { date: when(mail.sentAt ?? mail.createdAt) })
      : mail.status === 'failed'
        ? t('outbox.failed', { reason: mail.lastError ?? '' })
        : mail.lastError
          ? t('outbox.retrying', { date: when(mail.nextAttemptAt), reason: mail.lastError })
          : t('outbox.pending')
  return (
    <li className={`outbox-item outbox-${mail.status}`}>
      <p className="outbox-subject">{mail.subject}</p>
      <p className="muted">
        {t(`outbox.kinds.${mail.kind}`)} · {mail.recipientName ? `${mail.recipientName} <${mail.to}>` : mail.to} · {when(mail.createdAt)}
      </p>
      <p className={mail.status === 'failed' ? 'outbox-state outbox-state-failed' : 'outbox-state'}>{state}</p>
    </li>
  )
}
