/**
 * French "de" before a place name, as a French reader expects it: elided before a vowel
 * ("d’Abidjan", "d’Ouagadougou") or a mute h ("d’Helsinki"), contracted with a leading
 * article ("du Caire", "des Mureaux"), and plain otherwise ("de Dakar", "de Yaoundé").
 */
const VOWEL = /^[aeiouàâäéèêëîïôöùûüæœ]/i
// A y is a vowel before a consonant ("d’Ypres") but a consonant before a vowel ("de Yaoundé").
const Y_AS_VOWEL = /^y[^aeiouàâäéèêëîïôöùûü]/i
/**
 * Whether an h is mute cannot be told from spelling. Most place names met here keep "de"
 * ("de Hanoï", "de Hambourg", "de Harare"); these are the usual exceptions.
 */
const MUTE_H = ['haïti', 'helsinki', 'hébron', 'héraklion', 'hérat', 'hyderabad', 'hyères']

export function frenchDe(name: string): string {
  const trimmed = name.trim()
  const article = /^(les?)\s+(.*)$/i.exec(trimmed)
  if (article) return `${article[1]!.toLowerCase() === 'le' ? 'du' : 'des'} ${article[2]}`
  return elides(trimmed) ? `d’${trimmed}` : `de ${trimmed}`
}

function elides(word: string): boolean {
  if (VOWEL.test(word) || Y_AS_VOWEL.test(word)) return true
  const first = word.toLowerCase().split(/[\s-]/)[0] ?? ''
  return MUTE_H.includes(first)
}
