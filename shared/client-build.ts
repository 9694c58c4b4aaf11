/** Files of the client build that the server looks for by name. */

/** index.html with the sign-in form already in it (infra/sign-in-shell.ts), for visitors with no session. */
export const SIGN_IN_SHELL = 'sign-in.html'
