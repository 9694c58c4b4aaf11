/** "Ctrl+B" on most systems, "⌘B" on Apple ones: what the person actually presses. */
export function shortcutLabel(keys: string, platform: string = globalThis.navigator?.platform ?? ''): string {
  const apple = /mac|iphone|ipad/i.test(platform)
  return keys
    .split('+')
    .map((key) => (key === 'Mod' ? (apple ? '⌘' : 'Ctrl') : key === 'Shift' && apple ? '⇧' : key === 'Alt' && apple ? '⌥' : key))
    .join(apple ? '' : '+')
}
