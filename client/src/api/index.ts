export { api, ApiError, isApiError, isAbort, type ClientErrorCode, type FieldError, type RequestOptions } from './client'
export { endpoints } from './endpoints'
export type { SetupStatus } from '../../../shared/api'
