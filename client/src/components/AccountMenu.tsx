import { useCallback, useId, useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { colorFor } from '../../../shared/collab'
import type { PublicUser } from '../../../shared/api'
import { initials } from '../editor/presence'
import { useI18n } from '../i18n/useI18n'
import { useDismiss } from '../lib/useDismiss'

/**
 * The compact header's account button: the person's initials (and name where there is room),
 * opening a panel with their name and address, their mail settings and the header's secondary
 * actions (`children`). A disclosure, not an ARIA menu: it holds a link, a group and buttons.
 */
export function AccountMenu({ user, children }: { user: PublicUser; children: ReactNode }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const close = useCallback(() => {
    setOpen(false)
    if (root.current?.contains(document.activeElement)) button.current?.focus()
  }, [])
  useDismiss(open, root, close)

  return (
    <div className="account-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-quiet account-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('compact.account', { name: user.name })}
        onClick={() => setOpen((o) => !o)}
      >
        {/* The initials are drawn by CSS: as text, they would be words seen on the button but missing from its name. */}
        <span className="avatar account-avatar" style={{ backgroundColor: colorFor(user.id) }} data-initials={initials(user.name)} />
        <span className="account-button-name" aria-hidden="true">
          {user.name}
        </span>
      </button>
      {/* Following a link inside closes it, as leaving the screen would. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: links and buttons inside are reached and followed by keyboard themselves */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the click only closes the panel after a link inside was followed */}
      <div
        id={id}
        className="account-panel"
        hidden={!open}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false)
        }}
      >
        <p className="account-who">
          <span className="account-name">{user.name}</span>
          <span className="account-email">{user.email}</span>
        </p>
        <Link to="/me" className="account-link">
          {t('mailSettings.title')}
        </Link>
        {children}
      </div>
    </div>
  )
}
