export { api, ApiError, isApiError, isAbort, type ClientErrorCode, type FieldError, type RequestOptions } from './client'
export { endpoints, type SetupStatus } from './endpoints'
