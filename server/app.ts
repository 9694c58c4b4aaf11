import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { createMiddleware } from 'hono/factory'
import './http/node-compat'
import { createNodeWebSocket } from '@hono/node-ws'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import type { AppDeps, AppEnv } from './context'
import { csrfProtection } from './auth/csrf'
import { sessionMiddleware } from './auth/session'
import { authRoutes } from './api/auth/routes'
import { cityRoutes } from './api/cities/routes'
import { commentRoutes } from './api/comments/routes'
import { mentionableRoutes } from './api/comments/mentionable'
import { documentRoutes } from './api/documents/routes'
import { versionRoutes } from './api/versions/routes'
import { suggestionRoutes } from './api/suggestions/routes'
import { compareRoutes } from './api/versions/compare'
import { submissionRoutes, workflowRoutes } from './api/workflow/routes'
import { cycleRoutes } from './api/workflow/cycles'
import { networkOnboardingRoutes } from './api/onboarding/routes'
import { networkWorkshopRoutes, workshopRoutes } from './api/workshops/routes'
import { localisationRoutes } from './api/localisation/routes'
import { practiceRoutes } from './api/practices/routes'
import { ApiError } from './errors'
import { errorResponse } from './api/errors'
import { grantRoutes } from './api/grants/routes'
import { healthRoutes } from './api/health/routes'
import { invitationRoutes } from './api/invitations/routes'
import { meRoutes } from './api/me/routes'
import { networkRoutes } from './api/networks/routes'
import { notificationRoutes } from './api/notifications/routes'
import { passwordResetRoutes, userRoutes } from './api/password-resets/routes'
import { outboxRoutes } from './api/outbox/routes'
import { mailPreferenceRoutes, oneClickUnsubscribe, unsubscribeRoutes } from './api/mail/routes'
import { searchRoutes } from './api/search/routes'
import { setupRoutes } from './api/setup/routes'
import { collabRoutes } from './collab/upgrade'
import { isFileUpload, jsonBodiesOnly } from './http/json-only'
import { requestLog } from './http/request-log'
import { revalidatedReads } from './http/revalidated-reads'
import { securityHeaders } from './http/security-headers'
import { CLIENT_DIR, staticClient } from './http/static-client'

const MAX_BODY_BYTES = 64 * 1024

/** The HTTP application: every route and middleware, built from its dependencies. */
export function createApp(deps: AppDeps, options: { clientDir?: string } = {}) {
  const app = new Hono<AppEnv>()

  app.use('*', async (c, next) => {
    c.set('deps', deps)
    c.set('identity', null)
    return next()
  })
  app.use('*', requestLog)
  app.use('*', securityHeaders)
  // JSON answers are compressed for browsers that accept it (a document's list, a search, a
  // comparison): most of Atelier's users are on slow links. Files (exports) are already packed.
  app.use('/api/*', compress())
  app.use('/api/*', revalidatedReads)
  // While the database is known to be out of reach, say so at once instead of waiting on it.
  const unavailable = () => new ApiError('database_unavailable', 'The database cannot be reached right now; try again in a moment', { retryAfter: 2 })
  const whileUnreachable = createMiddleware<AppEnv>(async (c, next) => {
    if (!deps.availability.reachable && c.req.path !== '/api/health') return errorResponse(c, unavailable())
    return next()
  })
  app.use('/api/*', whileUnreachable)
  app.use('/collab/*', whileUnreachable)

  const api = new Hono<AppEnv>()
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `Request body is larger than ${MAX_BODY_BYTES / 1024} KB`)
    },
  })
  // A file upload has its own, larger limit, enforced while it is read.
  api.use('*', (c, next) => (isFileUpload(c) ? next() : jsonBodyLimit(c, next)))
  api.use('*', jsonBodiesOnly)
  api.use('*', csrfProtection(deps.config.publicUrl))
  api.use('*', sessionMiddleware)
  api
    .route('/health', healthRoutes)
    .route('/setup', setupRoutes)
    .route('/auth', authRoutes)
    .route('/me/mail', mailPreferenceRoutes)
    .route('/me', meRoutes)
    .route('/mail/unsubscribe', unsubscribeRoutes)
    .route('/documents', documentRoutes)
    .route('/documents/:id/comments', commentRoutes)
    .route('/documents/:id/mentionable', mentionableRoutes)
    .route('/documents/:id/versions', versionRoutes)
    .route('/documents/:id/suggestions', suggestionRoutes)
    .route('/documents/:id/compare', compareRoutes)
    .route('/documents/:id/workflow', workflowRoutes)
    .route('/documents/:id/submissions', submissionRoutes)
    .route('/documents/:id/cycles', cycleRoutes)
    .route('/notifications', notificationRoutes)
    .route('/networks', networkRoutes)
    .route('/networks/:id', networkOnboardingRoutes)
    .route('/networks/:id', networkWorkshopRoutes)
    .route('/networks/:id', outboxRoutes)
    .route('/workshops', workshopRoutes)
    .route('/practices', practiceRoutes)
    .route('/cities', cityRoutes)
    .route('/cities/:id', localisationRoutes)
    .route('/grants', grantRoutes)
    .route('/invitations', invitationRoutes)
    .route('/users', userRoutes)
    .route('/password-resets', passwordResetRoutes)
    .route('/search', searchRoutes)
  api.all('*', (c) => errorResponse(c, new ApiError('not_found', `No API route ${c.req.method} ${c.req.path}`)))

  app.route('/api', api)
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
  // Frames over the limit are refused by ws itself, which closes that socket with 1009.
  wss.options.maxPayload = deps.config.collab.maxMessageBytes
  app.route('/collab', collabRoutes(upgradeWebSocket, deps.hub))
  app.route('/mail/unsubscribe', oneClickUnsubscribe)
  app.route('/', staticClient(options.clientDir ?? CLIENT_DIR, deps.auth.cookieName))

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err)
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx: malformed JSON, wrong content type, and the like.
      const code = err.status === 413 ? 'payload_too_large' : err.status === 404 ? 'not_found' : 'invalid_input'
      return errorResponse(c, new ApiError(code, err.message || 'Bad request'))
    }
    if (deps.availability.observe(err)) return errorResponse(c, unavailable())
    const sqlState = pgCode(err)
    if (sqlState === '23505') return errorResponse(c, new ApiError('conflict', 'This already exists'))
    // Text the database cannot store (bad encoding) that slipped past validation is still the caller's input.
    if (sqlState === '22021' || sqlState === '22P05')
      return errorResponse(c, new ApiError('invalid_input', 'The request contains characters that cannot be stored'))
    deps.logger.error({ err, req: { id: c.var.requestId, method: c.req.method, path: c.req.path } }, 'unhandled error')
    return errorResponse(c, new ApiError('internal', 'Something went wrong on our side; it has been logged'))
  })

  return { app, injectWebSocket }
}

/** Both database drivers put the SQLSTATE on the error as `code`. */
const pgCode = (err: unknown) => (typeof err === 'object' && err && 'code' in err ? String(err.code) : undefined)
