import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'

describe('configuration from the environment', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', demo: false, demoPassword: 'demo-atelier' })
    expect(config.dataDir).toMatch(/\/data$/)
    expect(config.databaseUrl).toBeUndefined()
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000)
  })

  it.each([
    ['PORT', 'abc', /^Invalid PORT="abc": /],
    ['PORT', '70000', /^Invalid PORT="70000": .*65535/],
    ['DATABASE_URL', 'mysql://x', /^Invalid DATABASE_URL="mysql:\/\/x": must start with postgres:\/\//],
    ['REDIS_URL', 'localhost:6379', /^Invalid REDIS_URL=.*must start with redis:\/\//],
    ['PUBLIC_URL', 'atelier.example.org', /^Invalid PUBLIC_URL=.*full URL/],
    ['LOG_LEVEL', 'loud', /^Invalid LOG_LEVEL="loud": /],
    ['ATELIER_DEMO_PASSWORD', 'short', /^Invalid ATELIER_DEMO_PASSWORD=.*at least 8/],
    ['ATELIER_VERSION_IDLE_SECONDS', '0', /^Invalid ATELIER_VERSION_IDLE_SECONDS="0": /],
    ['ATELIER_VERSION_HOURLY_DAYS', '-1', /^Invalid ATELIER_VERSION_HOURLY_DAYS="-1": /],
    ['SMTP_URL', 'mail.example.org', /^Invalid SMTP_URL=.*smtp:\/\/user:pass/],
    ['SMTP_URL', 'http://mail.example.org', /^Invalid SMTP_URL=.*must start with smtp:\/\//],
    ['SMTP_URL', 'smtp://mail.example.org:587', /^SMTP_URL needs PUBLIC_URL/],
  ])('a wrong %s=%s fails with one line naming it', (name, value, message) => {
    let error: unknown
    try {
      loadConfig({ [name]: value })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain('\n')
  })

  it('reads the automatic version settings, five minutes idle by default', () => {
    expect(loadConfig({}).versions).toEqual({ idleMs: 300_000, retention: { keepAllHours: 24, hourlyDays: 7 } })
    expect(loadConfig({ ATELIER_VERSION_IDLE_SECONDS: '60', ATELIER_VERSION_KEEP_ALL_HOURS: '0' }).versions).toEqual({
      idleMs: 60_000,
      retention: { keepAllHours: 0, hourlyDays: 7 },
    })
  })

  it('limits imported files to 20 MB by default, and to what ATELIER_IMPORT_MAX_BYTES says', () => {
    expect(loadConfig({}).importMaxBytes).toBe(20 * 1024 * 1024)
    expect(loadConfig({ ATELIER_IMPORT_MAX_BYTES: '5000000' }).importMaxBytes).toBe(5_000_000)
    expect(() => loadConfig({ ATELIER_IMPORT_MAX_BYTES: '-1' })).toThrow(/ATELIER_IMPORT_MAX_BYTES/)
  })

  it('bounds imports per person and waiting for a thread: two, four and a minute by default, or what the variables say', () => {
    expect(loadConfig({}).importQueue).toEqual({ perUser: 2, waiting: 4, waitMs: 60_000 })
    expect(loadConfig({ ATELIER_IMPORTS_PER_USER: '1', ATELIER_IMPORT_QUEUE: '0', ATELIER_IMPORT_WAIT_SECONDS: '10' }).importQueue).toEqual({
      perUser: 1,
      waiting: 0,
      waitMs: 10_000,
    })
    expect(() => loadConfig({ ATELIER_IMPORTS_PER_USER: '0' })).toThrow(/ATELIER_IMPORTS_PER_USER/)
  })

  it('sends mail only with SMTP_URL, from MAIL_FROM, with links to PUBLIC_URL', () => {
    expect(loadConfig({}).mail).toBeNull()
    expect(
      loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', PUBLIC_URL: 'https://atelier.example.org/', MAIL_FROM: 'Réseau <r@example.org>' }).mail,
    ).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      from: 'Réseau <r@example.org>',
      baseUrl: 'https://atelier.example.org',
    })
  })

  it('normalises PUBLIC_URL and turns demo mode on with 1 or true', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://atelier.example.org/' }).publicUrl).toBe('https://atelier.example.org')
    expect(loadConfig({ ATELIER_DEMO: '1' }).demo).toBe(true)
    expect(loadConfig({ ATELIER_DEMO: 'true' }).demo).toBe(true)
  })
})
