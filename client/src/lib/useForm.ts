import { useCallback, useRef, useState, type ChangeEvent } from 'react'
import type { Message } from '../i18n/types'
import type { FieldErrors } from './forms'
import { useFocusFirstInvalid } from './useFocusFirstInvalid'

/**
 * The state every form here needs: its values, per-field errors, one error about the whole
 * form, and whether it is being sent. `bind(name)` wires an input to its value.
 */
export function useForm<T extends Record<string, string>>(initial: T) {
  const ref = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<T>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<Message | null>(null)
  const [busy, setBusy] = useState(false)
  useFocusFirstInvalid(ref, errors)

  const bind = useCallback(
    (name: keyof T & string) => ({
      name,
      value: values[name],
      onChange: (e: ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
      error: errors[name],
    }),
    [values, errors],
  )

  return { ref, values, setValues, errors, setErrors, formError, setFormError, busy, setBusy, bind }
}
