/**
 * What someone types as a link target → the href to store, or null when it is not a web or
 * mail address. "www.ville.org" becomes "https://www.ville.org"; javascript: and the like are refused.
 */
export function normalizeLink(input: string): string | null {
  const text = input.trim()
  if (!text || /\s/.test(text)) return null
  if (/^mailto:[^@\s]+@[^@\s]+$/i.test(text)) return text
  if (/^[^@\s/:]+@[^@\s/]+\.[^@\s/]+$/.test(text)) return `mailto:${text}`
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(candidate)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null
    return url.href
  } catch {
    return null
  }
}
