import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import type { NotificationList, NotificationView } from '../../../shared/api'
import { endpoints } from '../api'
import { useI18n } from '../i18n/useI18n'
import { formatDateTime } from '../lib/format'
import { useDismiss } from '../lib/useDismiss'
import { COMMENTS_CHANGED_EVENT } from './events'

/** Mentions and replies arrive while people work elsewhere: look again now and then, and on return to the tab. */
const POLL_MS = 30_000
/** Moving to another screen asks again only for an inbox older than this: opening a document from the home screen costs one request, not two. */
const FRESH_MS = 15_000

/** The bell in the header: unread count, the latest notifications, each leading to its thread. */
export function NotificationsMenu() {
  const { t, locale } = useI18n()
  const navigate = useNavigate()
  const location = useLocation()
  const [list, setList] = useState<NotificationList | null>(null)
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const close = useCallback(() => setOpen(false), [])

  const askedAt = useRef(0)

  const refresh = useCallback(() => {
    askedAt.current = Date.now()
    endpoints
      .notifications()
      .then(setList)
      .catch(() => {})
  }, [])

  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS)
    window.addEventListener('focus', refresh)
    window.addEventListener(COMMENTS_CHANGED_EVENT, refresh)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', refresh)
      window.removeEventListener(COMMENTS_CHANGED_EVENT, refresh)
    }
  }, [refresh])

  // biome-ignore lint/correctness/useExhaustiveDependencies: on moving to another screen the inbox is asked again, unless it just was
  useEffect(() => {
    if (Date.now() - askedAt.current > FRESH_MS) refresh()
  }, [refresh, location.pathname])

  useDismiss(open, root, close)

  async function follow(n: NotificationView) {
    setOpen(false)
    if (!n.readAt) await endpoints.markNotificationRead(n.id).catch(() => {})
    refresh()
    void navigate(n.path)
  }

  async function markAll() {
    await endpoints.markAllNotificationsRead().catch(() => {})
    refresh()
  }

  const unread = list?.unread ?? 0
  return (
    <div className="notifications" ref={root}>
      <button
        type="button"
        className="button button-quiet notifications-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={unread > 0 ? t('notifications.button', { count: unread }) : t('notifications.buttonNone')}
        onClick={() => {
          setOpen((o) => !o)
          if (!open) refresh()
        }}
      >
        <svg
          viewBox="0 0 24 24"
          width="18"
          height="18"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className="count-badge count-badge-alert" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <section id={id} className="notifications-panel" hidden={!open} aria-label={t('notifications.title')}>
        <div className="notifications-head">
          <h2>{t('notifications.title')}</h2>
          {unread > 0 && (
            <button type="button" className="link-button" onClick={() => void markAll()}>
              {t('notifications.markAllRead')}
            </button>
          )}
        </div>
        {!list || list.notifications.length === 0 ? (
          <p className="muted">{t('notifications.empty')}</p>
        ) : (
          <ul className="notifications-list">
            {list.notifications.map((n) => (
              <li key={n.id} className={n.readAt ? '' : 'notification-unread'}>
                <button type="button" className="notification" onClick={() => void follow(n)}>
                  <span className="notification-title">
                    {t(`notifications.${n.kind}`, {
                      name: n.actor?.name ?? t('notifications.someone'),
                      document: n.document.title,
                    })}
                    {!n.readAt && <span className="visually-hidden"> ({t('notifications.unread')})</span>}
                  </span>
                  <span className="notification-excerpt">{n.excerpt}</span>
                  <time className="muted" dateTime={n.createdAt}>
                    {formatDateTime(n.createdAt, locale)}
                  </time>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
