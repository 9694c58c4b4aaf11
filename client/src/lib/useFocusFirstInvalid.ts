import { useEffect, type RefObject } from 'react'

/** After a failed submit, moves focus to the first field marked invalid so it is read out and fixable. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, errors: object | null): void {
  useEffect(() => {
    if (!errors || Object.keys(errors).length === 0) return
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [form, errors])
}
