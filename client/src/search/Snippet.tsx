import { snippetParts } from './snippet'

/** A result's snippet as text, its matched words in <mark>. */
export function Snippet({ text, className }: { text: string; className: string }) {
  let at = 0
  return (
    <span className={className}>
      {snippetParts(text).map((part) => {
        const key = at
        at += part.text.length
        return part.match ? <mark key={key}>{part.text}</mark> : <span key={key}>{part.text}</span>
      })}
    </span>
  )
}
