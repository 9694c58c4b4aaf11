import { createBrowserRouter } from 'react-router'
import { HomePage } from '../pages/HomePage'
import { NotFoundPage } from '../pages/NotFoundPage'
import { SignInPage } from '../pages/SignInPage'
import { AppLoading, Layout } from './Layout'
import { RequireAuth } from './RequireAuth'
import { RouteError } from './RouteError'

/**
 * The screens, on real URLs (the server answers index.html for any path that is not /api or
 * an asset). Screens that need a session sit under RequireAuth. Screens other than the sign-in
 * and home pages are loaded on demand: a new visitor on a slow line downloads little more than
 * the sign-in page, and the collaborative editor is the heaviest part of the client. The home
 * page stays: `/` must render at once to send a new visitor on to the sign-in page.
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
      { path: 'setup', lazy: async () => ({ Component: (await import('../pages/SetupPage')).SetupPage }) },
      { path: 'invitation/:token', lazy: async () => ({ Component: (await import('../pages/InvitationPage')).InvitationPage }) },
      { path: 'reset/:token', lazy: async () => ({ Component: (await import('../pages/ResetPasswordPage')).ResetPasswordPage }) },
      { path: 'unsubscribe/:token/:topic', lazy: async () => ({ Component: (await import('../mail/UnsubscribePage')).UnsubscribePage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
