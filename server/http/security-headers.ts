import { secureHeaders } from 'hono/secure-headers'

/**
 * Security headers on every response (Hono's secureHeaders, with its defaults for the rest:
 * HSTS, nosniff, Cross-Origin-Opener/Resource-Policy same-origin, X-XSS-Protection 0…).
 * The Content-Security-Policy is what the built client needs in Chromium, nothing more;
 * tests/e2e/security-headers.e2e.ts writes, comments and opens the history under it and fails
 * on any violation.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    // Vite's build puts no inline script in index.html; zod is told not to try eval (shared/zod-jitless.ts).
    scriptSrc: ["'self'"],
    // Style attributes are never needed: React, ProseMirror and the collaboration carets set
    // styles through the CSSOM, which the policy does not restrict. The one inline <style> is
    // the base CSS Tiptap injects into the page (Editor option injectCSS); this is its hash
    // for @tiptap/core 3.31.3. Another Tiptap version may change it: the browser test then
    // fails, and Chromium's message names the new hash.
    styleSrc: ["'self'", "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"],
    // data: for the favicon, an SVG inlined in index.html.
    imgSrc: ["'self'", 'data:'],
    // 'self' also allows ws: and wss: to this same host and port, so /collab needs nothing more.
    connectSrc: ["'self'"],
    // The service worker (/sw.js: worker-src, by way of script-src) and the web app manifest
    // (manifest-src, by way of default-src) need only 'self': no directive of their own.
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  // No page address (a document's id) goes to other sites. Not Hono's default no-referrer:
  // under it the Fetch standard has browsers send `Origin: null` on POSTs, which the CSRF check
  // refuses (Chromium still sends the origin on fetch(); a browser following the letter need not).
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
})
