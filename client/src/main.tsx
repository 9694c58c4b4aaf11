import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router/dom'
import './i18n'
import './styles.css'
import { router } from './app/router'
import { SessionProvider } from './app/session'
import { registerServiceWorker } from './offline/service-worker'
import { FirstLocale } from './i18n/FirstLocale'
import { startFirstReads } from './app/first-reads'

startFirstReads()

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')

// The session is asked for while the messages arrive: on a slow line each waits a round trip.
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <FirstLocale>
        <RouterProvider router={router} />
      </FirstLocale>
    </SessionProvider>
  </StrictMode>,
)

registerServiceWorker()
