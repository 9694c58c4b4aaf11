import type fr from './fr'

/** The shape of fr.ts with every leaf widened to string: en.ts must have exactly these keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
export type Messages = Shape<typeof fr>

/** Dotted paths to every string, e.g. 'errors.rate_limited'. */
type Paths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>
}[keyof T & string]
export type MessageKey = Paths<Messages>

/** A plural family is asked for by its base key with a count: 'document.words' for words_one/_other. */
type PluralBase<K> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : never
export type TranslationKey = MessageKey | PluralBase<MessageKey>

/** A message to show later: a key and its interpolation values, translated at render time. */
export type Message = { key: MessageKey; values?: Record<string, string | number> }
