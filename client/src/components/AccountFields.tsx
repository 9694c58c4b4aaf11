import type { ComponentProps } from 'react'
import { useI18n } from '../i18n/useI18n'
import { Field } from './ui'

type Bound = Pick<ComponentProps<typeof Field>, 'name' | 'value' | 'onChange' | 'error'>

/** Name, e-mail and a new password: the fields of every form that creates an account. */
export function AccountFields({
  bind,
  email,
}: {
  bind: (name: 'name' | 'email' | 'password') => Bound
  /** When the e-mail is fixed (an invitation made for one address), say so and lock it. */
  email?: { fixed: string | null; hint?: string }
}) {
  const { t } = useI18n()
  return (
    <>
      <Field {...bind('name')} label={t('fields.name')} autoComplete="name" required />
      <Field
        {...bind('email')}
        type="email"
        label={t('fields.email')}
        hint={email?.fixed ? email.hint : undefined}
        readOnly={!!email?.fixed}
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
      />
      <Field {...bind('password')} type="password" label={t('fields.password')} hint={t('fields.passwordHint')} autoComplete="new-password" required />
    </>
  )
}
