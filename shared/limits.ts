/** Limits the client checks as the server does, apart from schemas.ts so that a screen can use one without loading zod. */
export const SEARCH_QUERY_MAX_CHARS = 200
