import { createHash, randomBytes } from 'node:crypto'

/** A random token for a link (invitation, password reset) and the hash we store instead of it. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
