import { Navigate, Outlet, useLocation } from 'react-router'
import { signInUrl } from '../lib/navigation'
import { useSession } from './session'
import { expectSignInPage } from './early-sign-in'

/** Screens for signed-in people: others go to sign in (or to the first-run setup) and come back. */
export function RequireAuth() {
  const { me, setupNeeded } = useSession()
  const location = useLocation()
  if (setupNeeded) return <Navigate to="/setup" replace />
  if (!me) {
    expectSignInPage()
    return <Navigate to={signInUrl(location.pathname + location.search + location.hash)} replace />
  }
  return <Outlet />
}
