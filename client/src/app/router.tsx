import { createBrowserRouter } from 'react-router'
import { HomePage } from '../pages/HomePage'
import { InvitationPage } from '../pages/InvitationPage'
import { NotFoundPage } from '../pages/NotFoundPage'
import { ResetPasswordPage } from '../pages/ResetPasswordPage'
import { SetupPage } from '../pages/SetupPage'
import { SignInPage } from '../pages/SignInPage'
import { UnsubscribePage } from '../mail/UnsubscribePage'
import { AppLoading, Layout } from './Layout'
import { RequireAuth } from './RequireAuth'
import { RouteError } from './RouteError'

/**
 * The screens, on real URLs (the server answers index.html for any path that is not /api or
 * an asset). Screens that need a session sit under RequireAuth. The network, city and document
 * screens are loaded on demand: the first page (sign-in, home) stays small on slow links, and
 * the collaborative editor is the heaviest part of the client.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    // Shown while a lazily loaded screen (the document) arrives on a first visit.
    HydrateFallback: AppLoading,
    children: [
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'networks/:id', lazy: () => import('../pages/NetworkPage') },
          { path: 'networks/:id/dashboard', lazy: () => import('../workflow/DashboardPage') },
          { path: 'cities/:id', lazy: () => import('../pages/CityPage') },
          { path: 'workshops/:id', lazy: () => import('../workshops/WorkshopPage') },
          { path: 'practices', lazy: () => import('../practices/PracticesPage') },
          { path: 'practices/:id', lazy: () => import('../practices/PracticePage') },
          { path: 'documents/:id', lazy: () => import('../pages/DocumentPage') },
          { path: 'documents/:id/history', lazy: () => import('../versions/HistoryPage') },
          { path: 'me', lazy: () => import('../mail/MailSettingsPage') },
          { path: 'search', lazy: () => import('../search/SearchPage') },
        ],
      },
      { path: 'signin', element: <SignInPage /> },
      { path: 'setup', element: <SetupPage /> },
      { path: 'invitation/:token', element: <InvitationPage /> },
      { path: 'reset/:token', element: <ResetPasswordPage /> },
      { path: 'unsubscribe/:token/:topic', element: <UnsubscribePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
