/**
 * What a person types in "Langues" ("fr, wo" or "ar fr") → the codes the API takes. Only the
 * primary subtag is lower-cased: "pt-BR" keeps its region as written. Repeats are dropped.
 */
export function parseLanguages(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => {
      const [primary = '', ...rest] = code.split('-')
      return [primary.toLowerCase(), ...rest].join('-')
    })
  return [...new Set(codes)]
}

/** A language's name in the reader's language ("wo" → "wolof" / "Wolof"), or its code if unknown. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}

/** A list in the reader's language: "français et wolof" / "French and Wolof". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items)
}
