import { Link } from 'react-router'
import type { ClientErrorCode } from '../api/client'
import { useI18n } from '../i18n/useI18n'
import type { MessageKey } from '../i18n/types'
import { describeError } from '../lib/errors'
import { Notice } from './ui'

type Props = {
  /** The heading's id, for the section's label. */
  titleId: string
  title: string
  error: unknown
  /** What to say when the space is not the person's, or does not exist. */
  messages: Partial<Record<ClientErrorCode, MessageKey>>
  onRetry: () => void
}

/** A network or city screen that could not load: why, a way home, and a retry. */
export function SpaceLoadError({ titleId, title, error, messages, onRetry }: Props) {
  const { t, message } = useI18n()
  return (
    <section className="page page-narrow" aria-labelledby={titleId}>
      <p className="breadcrumb">
        <Link to="/">{t('common.backHome')}</Link>
      </p>
      <h1 id={titleId}>{title}</h1>
      <Notice tone="error">{message(describeError(error, messages))}</Notice>
      <button type="button" className="button button-primary" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </section>
  )
}
