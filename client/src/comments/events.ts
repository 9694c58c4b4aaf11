/**
 * Announced on the window when a thread of the open document changes, so the notifications
 * bell looks again at once. Its own module: the bell is in the first download, the editor is not.
 */
export const COMMENTS_CHANGED_EVENT = 'atelier:comments-changed'
