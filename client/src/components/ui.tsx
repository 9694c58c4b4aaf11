import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'

/** A small circular spinner; decorative, the button or text next to it says what is happening. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & {
  name: string
  label: string
  hint?: string
  error?: Message
}

/** A labelled input with its hint and its error, both tied to it for screen readers. */
export function Field({ label, hint, error, id, className, ...input }: FieldProps) {
  const { message } = useI18n()
  const autoId = useId()
  const inputId = id ?? autoId
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p id={errorId} className="field-error">
          {message(error)}
        </p>
      )}
    </div>
  )
}

/** A message about the whole form or screen. Errors interrupt (role=alert); news does not (role=status). */
export function Notice({ tone, children }: { tone: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

export function SubmitButton({ busy, label, busyLabel, disabled }: { busy: boolean; label: string; busyLabel: string; disabled?: boolean }) {
  return (
    <button type="submit" className="button button-primary" disabled={busy || disabled} aria-busy={busy || undefined}>
      {busy && <Spinner />}
      <span>{busy ? busyLabel : label}</span>
    </button>
  )
}

/** A whole-screen wait, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  )
}
