/**
 * The sign-in form the server puts in the page for a visitor with no session
 * (infra/sign-in-shell.ts), shown while the app's scripts arrive. The app's own sign-in page
 * takes over from it: what was typed, and which field had the caret, carry over, and the early
 * form leaves in the same commit, so no keystroke is lost and nothing flashes.
 */
export type EarlySignIn = { email: string; password: string; focused: 'email' | 'password' | null }

const early = () => document.getElementById('early')

/** What the early form holds now; null when the page had none (or it has left). */
export function readEarlySignIn(): EarlySignIn | null {
  const form = early()
  if (!form) return null
  const value = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value ?? ''
  const active = document.activeElement
  const focused = active instanceof HTMLInputElement && form.contains(active) ? (active.name as 'email' | 'password') : null
  return { email: value('email'), password: value('password'), focused }
}

/** Set while a screen that needs a session is sending the visitor to the sign-in page. */
let signInPageNext = false

/** Called by RequireAuth as it sends the visitor to sign in: the early form waits for the sign-in page. */
export function expectSignInPage(): void {
  signInPageNext = true
}

/** Removes the early form; the app's screens (hidden behind it by styles.css) show. */
export function retireEarlySignIn(): void {
  signInPageNext = false
  early()?.remove()
}

/** Once the session is known: any screen but the sign-in page replaces the early form at once. */
export function retireUnlessSignInNext(): void {
  if (!signInPageNext) retireEarlySignIn()
}
