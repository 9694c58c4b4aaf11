import { shortcutLabel } from '../editor/shortcuts'

/** Google Docs' shortcut for a new comment, which people who review documents already know. */
export const COMMENT_SHORTCUT_LABEL = shortcutLabel('Mod+Alt+M')

export function isCommentShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && e.altKey && (e.code === 'KeyM' || e.key.toLowerCase() === 'm')
}
