import type { Plugin } from 'vite'
import fr from '../client/src/i18n/fr'
import { SIGN_IN_SHELL } from '../shared/client-build'

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/**
 * On a slow line the app's scripts take seconds to arrive, and the sign-in form waited for them.
 * This page shows the same form, in French (every new visitor's language), as soon as the HTML
 * and the stylesheet are in: one types the address and the password meanwhile. The app then
 * takes the form over with what was typed and where the caret was (client/src/app/early-sign-in.ts).
 * Until then the button is disabled, and with no submit button and two fields, Enter does
 * nothing: the form is never sent by the browser itself (it would put the password in the URL).
 */
export function signInShell(): Plugin {
  return {
    name: 'atelier-sign-in-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html']
      if (!index || index.type !== 'asset') throw new Error('index.html is missing from the build')
      const page = String(index.source)
      if (!page.includes('<div id="root"></div>')) throw new Error('index.html has no empty #root for the sign-in form')
      this.emitFile({ type: 'asset', fileName: SIGN_IN_SHELL, source: page.replace('<div id="root"></div>', `${earlyForm()}<div id="root"></div>`) })
    },
  }
}

function earlyForm(): string {
  const t = (text: string) => escape(text)
  return [
    '<div id="early">',
    '<header class="app-header"><div class="app-header-inner">',
    `<a href="/" class="brand" aria-label="${t(fr.app.homeLink)}"><span class="brand-mark" aria-hidden="true"></span>${t(fr.app.name)}</a>`,
    '</div></header>',
    '<main id="main" tabindex="-1"><section class="page page-narrow" aria-labelledby="signin-title">',
    `<h1 id="signin-title">${t(fr.signIn.title)}</h1>`,
    `<p class="lead">${t(fr.signIn.intro)}</p>`,
    '<form class="card form" novalidate>',
    `<div class="field"><label for="early-email">${t(fr.fields.email)}</label>`,
    '<input id="early-email" name="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" required autofocus></div>',
    `<div class="field"><label for="early-password">${t(fr.fields.password)}</label>`,
    '<input id="early-password" name="password" type="password" autocomplete="current-password" required></div>',
    `<button type="button" class="button button-primary" disabled><span>${t(fr.signIn.submit)}</span></button>`,
    '</form>',
    `<div class="aside-text"><p>${t(fr.signIn.noAccount)}</p></div>`,
    '</section></main>',
    '</div>',
  ].join('')
}
