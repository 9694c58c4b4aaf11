/**
 * The shared request schemas, and zod with them (~25 kB compressed), fetched apart from the first
 * page: the sign-in page shows without them and asks for them on arrival, long before anyone
 * submits. A failed fetch (offline) is tried again at the next call.
 */
export const loadSchemas = () => import('../../../shared/schemas')
