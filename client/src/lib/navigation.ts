/**
 * Where to go after signing in. Only a path on this site is accepted ('/documents/1?x#y'),
 * never another origin ('//evil.example', 'https://…', '/\\evil'), so the link cannot be
 * used to send people elsewhere.
 */
export function safeNext(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\\]/.test(raw)) return fallback
  if (raw === '/signin' || raw.startsWith('/signin?') || raw.startsWith('/setup')) return fallback
  return raw
}

/** The sign-in URL that comes back to `path` afterwards. */
export function signInUrl(path: string): string {
  const next = safeNext(path, '')
  return next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'
}
