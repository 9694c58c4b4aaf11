import { useState } from 'react'
import type { ExportFormat } from '../../../shared/schemas'
import { Notice, SelectField } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import type { Message } from '../i18n/types'
import { describeError } from '../lib/errors'
import { downloadExport } from '../versions/download'

/** The last four quarters, newest first, as the API names them (2026-Q4). */
export function recentQuarters(now = new Date()): string[] {
  const out: string[] = []
  let year = now.getUTCFullYear()
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1
  for (let i = 0; i < 4; i++) {
    out.push(`${year}-Q${quarter}`)
    quarter -= 1
    if (quarter === 0) {
      quarter = 4
      year -= 1
    }
  }
  return out
}

/** The quarterly report for the funder: the dashboard and the quarter's submissions, as Word or PDF. */
export function ReportForm({ networkId }: { networkId: string }) {
  const { t, message } = useI18n()
  const quarters = recentQuarters()
  const [quarter, setQuarter] = useState(quarters[0]!)
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [error, setError] = useState<Message | null>(null)

  const download = (format: ExportFormat) => {
    setBusy(format)
    setError(null)
    const url = `/api/networks/${encodeURIComponent(networkId)}/report?${new URLSearchParams({ quarter, format })}`
    downloadExport(url, `rapport-${quarter}.${format}`)
      .catch((err: unknown) => setError(describeError(err)))
      .finally(() => setBusy(null))
  }

  return (
    <section className="report-form" aria-labelledby="report-title">
      <h2 id="report-title">{t('dashboard.report.title')}</h2>
      <p className="muted">{t('dashboard.report.text')}</p>
      <SelectField
        name="quarter"
        label={t('dashboard.report.quarter')}
        value={quarter}
        options={quarters.map((q) => ({ value: q, label: q.replace('-Q', t('dashboard.report.separator')) }))}
        onChange={setQuarter}
      />
      <p className="actions">
        {(['docx', 'pdf'] as const).map((format) => (
          <button key={format} type="button" className="button button-quiet" disabled={busy !== null} onClick={() => download(format)}>
            {busy === format ? t('dashboard.report.preparing') : t(`dashboard.report.${format}`)}
          </button>
        ))}
      </p>
      {error && <Notice tone="error">{message(error)}</Notice>}
    </section>
  )
}
