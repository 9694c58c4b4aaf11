import { type ReactNode, Suspense, use } from 'react'
import { firstLocaleReady } from '.'

/** Holds its children back until the first language's messages are here, so no screen shows bare keys. */
export function FirstLocale({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={null}>
      <Ready>{children}</Ready>
    </Suspense>
  )
}

function Ready({ children }: { children: ReactNode }) {
  use(firstLocaleReady)
  return children
}
