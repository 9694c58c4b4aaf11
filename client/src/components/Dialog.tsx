import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useI18n } from '../i18n/useI18n'

/**
 * A modal dialog on the native <dialog> element: focus moves into it and is kept there, Escape
 * closes it, and focus returns to the button that opened it. Its content is mounted only while
 * open, so a form starts afresh each time.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  sheet,
  children,
}: {
  open: boolean
  onClose: () => void
  title: string
  description?: string
  /** Rises from the bottom of the screen, and a tap on the dimmed page above closes it (a phone's side panels). */
  sheet?: boolean
  children: ReactNode
}) {
  const { t } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      dialog.showModal()
      // Start on the main choice rather than on the close button.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    }
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard closes it with Escape (the dialog's own cancel) or its close button
    <dialog
      ref={ref}
      className={sheet ? 'dialog dialog-sheet' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      // The dialog itself is hit only outside its content, on the backdrop.
      onClick={sheet ? (event) => event.target === event.currentTarget && onClose() : undefined}
    >
      {open && (
        <div className="dialog-body">
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button-icon" onClick={onClose} aria-label={t('common.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {description && (
            <p id={descriptionId} className="dialog-description">
              {description}
            </p>
          )}
          {children}
        </div>
      )}
    </dialog>
  )
}
