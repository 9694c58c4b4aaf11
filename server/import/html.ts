import { DOMParser as ProseMirrorParser } from '@tiptap/pm/model'
import { parseHTML } from 'linkedom'
import { cellSpan, type PmNode } from '../../shared/content'
import { schema } from '../content/schema'

/**
 * HTML (from mammoth or markdown-it) → the editor's own schema, through the same parse rules the
 * editor uses on paste: whatever the schema has no place for is dropped or unwrapped. Before
 * that, links keep only the schemes a reader may follow, and images (which have no place to be
 * stored yet) become a visible note, so the reader knows something is missing.
 */

const SAFE_LINK = /^(https?:|mailto:)/i

export function htmlToContent(html: string): PmNode {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  for (const a of [...document.querySelectorAll('a')]) {
    const href = a.getAttribute('href')?.trim() ?? ''
    if (!SAFE_LINK.test(href)) a.replaceWith(...a.childNodes)
  }
  for (const img of [...document.querySelectorAll('img')]) {
    const what = img.getAttribute('alt')?.trim() || 'sans description'
    img.replaceWith(document.createTextNode(`[image non importée : ${what}]`))
  }
  // Header cells are bold by themselves; Word files (ours among them) often make their text bold as well.
  for (const strong of [...document.querySelectorAll('th strong, th b')]) strong.replaceWith(...strong.childNodes)
  // Word allows any span; the editor and the exports work per spanned cell.
  for (const cell of [...document.querySelectorAll('td, th')]) {
    for (const attr of ['colspan', 'rowspan']) if (cell.hasAttribute(attr)) cell.setAttribute(attr, String(cellSpan(cell.getAttribute(attr))))
  }
  markTaskLists(document)
  checkboxParagraphs(document)
  const parsed = ProseMirrorParser.fromSchema(schema).parse(document.body as unknown as globalThis.Node)
  return parsed.toJSON() as PmNode
}

/** GFM task items as markdown-it writes them (`<li>[ ] …`), in the form the editor's task list reads. */
function markTaskLists(document: ReturnType<typeof parseHTML>['document']): void {
  for (const ul of [...document.querySelectorAll('ul')]) {
    const items = [...ul.children].filter((li) => li.tagName === 'LI')
    const box = (li: Element) => /^\s*\[([ xX])\]\s/.exec(firstText(li)?.data ?? '')
    if (items.length === 0 || !items.every(box)) continue
    ul.setAttribute('data-type', 'taskList')
    for (const li of items) {
      const text = firstText(li)!
      const match = box(li)!
      li.setAttribute('data-type', 'taskItem')
      li.setAttribute('data-checked', String(match[1] !== ' '))
      text.data = text.data.slice(match[0].length)
      // The editor's task item holds paragraphs: tight Markdown lists give bare text.
      if (!li.querySelector('p')) {
        const p = document.createElement('p')
        for (const child of [...li.childNodes]) {
          if (child.nodeType === 1 && ['UL', 'OL'].includes((child as Element).tagName)) break
          p.appendChild(child)
        }
        li.insertBefore(p, li.firstChild)
      }
    }
  }
}

const CHECKBOX = /^\s*([\u2610\u2611\u2612])\s/

/** Paragraphs that open with a ballot box (how Word files, our exports among them, write a checklist) as task items. */
function checkboxParagraphs(document: ReturnType<typeof parseHTML>['document']): void {
  for (const p of [...document.querySelectorAll('p')]) {
    const text = firstText(p)
    const match = text && CHECKBOX.exec(text.data)
    if (!match || p.parentElement?.tagName === 'LI') continue
    text.data = text.data.slice(match[0].length)
    const previous = p.previousElementSibling
    const list = previous?.getAttribute('data-type') === 'taskList' ? previous : document.createElement('ul')
    if (list !== previous) {
      list.setAttribute('data-type', 'taskList')
      p.before(list)
    }
    const item = document.createElement('li')
    item.setAttribute('data-type', 'taskItem')
    item.setAttribute('data-checked', String(match[1] !== '\u2610'))
    list.appendChild(item)
    item.appendChild(p)
  }
}

function firstText(el: Element): Text | null {
  let node: ChildNode | null = el.firstChild
  while (node && node.nodeType !== 3) node = node.firstChild
  return node as Text | null
}
