import { describe, expect, it } from 'vitest'
import { safeNext, signInUrl } from './navigation'

describe('safeNext', () => {
  it('keeps a path on this site, with its query and hash', () => {
    expect(safeNext('/documents/42?v=2#s3')).toBe('/documents/42?v=2#s3')
    expect(safeNext('/invitation/abc')).toBe('/invitation/abc')
  })

  it('refuses anything that could leave the site', () => {
    for (const raw of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', 'documents', '/a\nb']) {
      expect(safeNext(raw), raw).toBe('/')
    }
  })

  it('does not send people back to sign-in or setup', () => {
    expect(safeNext('/signin')).toBe('/')
    expect(safeNext('/signin?next=/x')).toBe('/')
    expect(safeNext('/setup')).toBe('/')
  })

  it('falls back when missing', () => {
    expect(safeNext(null)).toBe('/')
    expect(safeNext('', '/home')).toBe('/home')
  })
})

describe('signInUrl', () => {
  it('comes back to where the person was going', () => {
    expect(signInUrl('/documents/42?v=2')).toBe('/signin?next=%2Fdocuments%2F42%3Fv%3D2')
    expect(signInUrl('/')).toBe('/signin')
  })
})
