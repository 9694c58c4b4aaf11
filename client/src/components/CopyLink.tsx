import { useEffect, useId, useRef, useState } from 'react'
import type { LinkResponse } from '../../../shared/api'
import { useI18n } from '../i18n/useI18n'
import { formatDateTime } from '../lib/format'

/**
 * A link Atelier made for someone (no mail server: the secretariat passes it on), shown whole
 * with a copy button. Focus goes to the link so it can be read out and copied at once.
 */
export function CopyLink({ link, label }: { link: LinkResponse; label: string }) {
  const { t, locale } = useI18n()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new link is selected for copying, as the first one was
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [link.url])

  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url)
      setCopied('yes')
    } catch {
      // No clipboard (plain http, or permission refused): the link is selected for Ctrl+C.
      input.current?.select()
      setCopied('failed')
    }
  }

  return (
    <div className="copy-link">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="copy-link-row">
          <input ref={input} id={id} value={link.url} readOnly spellCheck={false} aria-describedby={`${id}-expires`} onFocus={(e) => e.target.select()} />
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t('link.copy')}
          </button>
        </div>
        <p id={`${id}-expires`} className="field-hint">
          {t('link.expires', { date: formatDateTime(link.expiresAt, locale) })}
          {` ${link.mailedTo ? t('link.mailedTo', { email: link.mailedTo }) : t('link.notMailed')}`}
        </p>
      </div>
      <p className="copy-link-status" role="status">
        {copied === 'yes' && t('link.copied')}
        {copied === 'failed' && t('link.copyFailed')}
      </p>
    </div>
  )
}
