import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'

/** A small circular spinner; decorative, the button or text next to it says what is happening. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />
}

type Described = { label: string; hint?: string; error?: Message }

/** Ids tying a control to its hint and its error, for screen readers. */
function useDescribed(id: string | undefined, hint: string | undefined, error: Message | undefined) {
  const autoId = useId()
  const inputId = id ?? autoId
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  return { inputId, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined }
}

function FieldShell({
  label,
  hint,
  error,
  className,
  ids,
  children,
}: Described & {
  className?: string
  ids: ReturnType<typeof useDescribed>
  children: ReactNode
}) {
  const { message } = useI18n()
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={ids.inputId}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={ids.errorId} className="field-error">
          {message(error)}
        </p>
      )}
    </div>
  )
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & Described & { name: string }

/** A labelled input with its hint and its error, both tied to it for screen readers. */
export function Field({ label, hint, error, id, className, ...input }: FieldProps) {
  const ids = useDescribed(id, hint, error)
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} ids={ids}>
      <input id={ids.inputId} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
    </FieldShell>
  )
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children' | 'onChange'> &
  Described & { name: string; onChange: (value: string) => void }

/** A labelled multi-line text, like Field. */
export function TextAreaField({ label, hint, error, id, className, onChange, ...textarea }: TextAreaFieldProps) {
  const ids = useDescribed(id, hint, error)
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} ids={ids}>
      <textarea
        id={ids.inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => onChange(e.target.value)}
        {...textarea}
      />
    </FieldShell>
  )
}

type SelectFieldProps<V extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'onChange' | 'value'> &
  Described & { name: string; value: V; options: readonly { value: V; label: string }[]; onChange: (value: V) => void }

/** A labelled drop-down list, like Field. */
export function SelectField<V extends string>({ label, hint, error, id, className, options, onChange, ...select }: SelectFieldProps<V>) {
  const ids = useDescribed(id, hint, error)
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} ids={ids}>
      <select
        id={ids.inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => onChange(e.target.value as V)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

/** A set of radio buttons under one legend, each with an optional description. */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  autoFocus,
}: {
  legend: string
  name: string
  value: V
  options: readonly { value: V; label: string; description?: string }[]
  onChange: (value: V) => void
  error?: Message
  /** The checked option is where a dialog starts (see Dialog's data-autofocus). */
  autoFocus?: boolean
}) {
  const { message } = useI18n()
  const errorId = useId()
  return (
    <fieldset className="radio-group" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((o) => (
          <label key={o.value} className="radio-option">
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              data-autofocus={autoFocus && value === o.value ? '' : undefined}
            />
            <span className="radio-option-text">
              <span>{o.label}</span>
              {o.description && <span className="radio-option-description">{o.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {message(error)}
        </p>
      )}
    </fieldset>
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
