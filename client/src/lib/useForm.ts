import { useCallback, useRef, useState, type ChangeEvent } from 'react'
import { isApiError, type ClientErrorCode } from '../api/client'
import type { Message, MessageKey } from '../i18n/types'
import { describeError } from './errors'
import { fieldErrorsFromServer, type FieldErrors } from './forms'
import { useFocusFirstInvalid } from './useFocusFirstInvalid'

type SendOptions = {
  /** Messages of this form's own for some error codes. */
  messages?: Partial<Record<ClientErrorCode, MessageKey>>
  /** Renames the server's field paths to this form's field names. */
  fields?: (errors: FieldErrors) => FieldErrors
}

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

  /**
   * Sends what validation accepted. On a refusal the server's field errors go beside their
   * fields and the reason above the form; on success the form stays busy, as the caller closes
   * or replaces it.
   */
  const send = useCallback(async (action: () => Promise<void>, options: SendOptions = {}) => {
    setErrors({})
    setBusy(true)
    try {
      await action()
    } catch (error) {
      if (isApiError(error) && error.code === 'invalid_input') {
        const fields = fieldErrorsFromServer(error.fields)
        setErrors(options.fields ? options.fields(fields) : fields)
      }
      setFormError(describeError(error, options.messages))
      setBusy(false)
    }
  }, [])

  return { ref, values, setValues, errors, setErrors, formError, setFormError, busy, setBusy, bind, send }
}
