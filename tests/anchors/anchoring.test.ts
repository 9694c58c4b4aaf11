import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getSchema } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { StarterKit } from '@tiptap/starter-kit'
import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorJSONToYXmlFragment, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap'
import { FRAGMENT } from '../../shared/collab'
import {
  anchorFromSelection,
  decodePosition,
  documentText,
  encodePosition,
  isEncodedPosition,
  resolveAnchor,
  resolveAnchors,
  type EncodedAnchor,
} from '../../shared/anchors'

/**
 * A thread stays on its words while two people edit around them and inside them at the same
 * time. Documents are built and selections taken exactly as the editor does (Tiptap's schema,
 * y-prosemirror's position mapping); the edits are Yjs operations from two replicas that only
 * see each other's changes afterwards.
 */
const schema = getSchema([StarterKit.configure({ undoRedo: false, codeBlock: false, heading: { levels: [1, 2, 3] } })])

const paragraph = (...content: object[]) => ({ type: 'paragraph', content })
const text = (value: string, marks?: { type: string }[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value })

function editorDoc(json: object): Y.Doc {
  const doc = new Y.Doc()
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(FRAGMENT))
  return doc
}

/** Two replicas of one document, in sync. */
function replicas(json: object): [Y.Doc, Y.Doc] {
  const a = editorDoc(json)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return [a, b]
}

/** Exchanges what each replica is missing, as the server would relay it. */
function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

/** The ProseMirror document the editor would show, with y-prosemirror's mapping. */
const pmView = (doc: Y.Doc) => initProseMirrorDoc(doc.getXmlFragment(FRAGMENT), schema)

/** The editor's selection of the first occurrence of `words`, as PM positions. */
function select(pm: PmNode, words: string): { from: number; to: number } {
  let found: { from: number; to: number } | undefined
  pm.descendants((node, pos) => {
    if (found || !node.isTextblock) return found === undefined
    const at = node.textContent.indexOf(words)
    if (at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + words.length }
    return false
  })
  if (!found) throw new Error(`"${words}" is not in the document`)
  return found
}

/** What the editor does when someone selects words and comments on them. */
function anchorOn(doc: Y.Doc, words: string): EncodedAnchor {
  const { doc: pm, mapping } = pmView(doc)
  const { from, to } = select(pm, words)
  const fragment = doc.getXmlFragment(FRAGMENT)
  const anchor = anchorFromSelection(
    doc,
    absolutePositionToRelativePosition(from, fragment, mapping),
    absolutePositionToRelativePosition(to, fragment, mapping),
  )
  expect(anchor).not.toBeNull()
  return anchor!
}

/** What the editor highlights for an anchor: map it back to PM positions and read the text there. */
function highlighted(doc: Y.Doc, anchor: EncodedAnchor): string | null {
  const { doc: pm, mapping } = pmView(doc)
  const fragment = doc.getXmlFragment(FRAGMENT)
  const from = relativePositionToAbsolutePosition(doc, fragment, decodePosition(anchor.start), mapping)
  const to = relativePositionToAbsolutePosition(doc, fragment, decodePosition(anchor.end), mapping)
  if (from === null || to === null || to <= from) return null
  return pm.textBetween(from, to)
}

const textOf = (doc: Y.Doc, paragraphIndex: number) => (doc.getXmlFragment(FRAGMENT).get(paragraphIndex) as Y.XmlElement).get(0) as Y.XmlText

const SAMPLE = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Diagnostic')] },
    paragraph(text('Les villes partagent leurs '), text('bonnes', [{ type: 'bold' }]), text(' pratiques chaque année.')),
    paragraph(text('Un second paragraphe.')),
  ],
}

describe('comment anchors under concurrent edits', () => {
  it('resolve to the words they were made on, in the editor and on the server', () => {
    const [a] = replicas(SAMPLE)
    const anchor = anchorOn(a, 'bonnes pratiques')
    expect(resolveAnchor(a, anchor)?.text).toBe('bonnes pratiques')
    expect(highlighted(a, anchor)).toBe('bonnes pratiques')
  })

  it('follow their words through edits before, inside and after them, made at once on two replicas', () => {
    const [a, b] = replicas(SAMPLE)
    const anchor = anchorOn(a, 'bonnes pratiques')
    // Neither replica sees the other's edits until the sync below.
    const pa = textOf(a, 1)
    const pb = textOf(b, 1)
    const original = pa.toString().replace(/<[^>]+>/g, '')
    const inside = original.indexOf('pratiques')
    // Each replica edits from the end backwards, so the original offsets stay valid.
    pa.insert(original.length - 1, ', depuis 2019') // after, on A
    pa.insert(inside, 'et belles ') // inside, on A
    pb.insert(original.indexOf(' chaque'), ' urbaines') // right after the last word, on B
    pb.insert(original.indexOf('bonnes'), 'très ') // right before the first word, on B
    pb.insert(original.indexOf('villes'), 'grandes ') // before, on B
    a.getXmlFragment(FRAGMENT).insert(0, [new Y.XmlElement('paragraph')]) // a new block before everything, on A
    textOf(b, 2).insert(0, 'Déplacé : ') // the next paragraph, on B

    sync(a, b)
    expect(documentText(a)).toBe(documentText(b))
    expect(documentText(a)).toContain('Les grandes villes partagent leurs très bonnes et belles pratiques urbaines chaque année, depuis 2019.')
    for (const replica of [a, b]) {
      // Text typed inside joins the range; text typed just outside it stays outside.
      expect(resolveAnchor(replica, anchor)?.text).toBe('bonnes et belles pratiques')
      expect(highlighted(replica, anchor)).toBe('bonnes et belles pratiques')
    }
  })

  it('are detached once their words are deleted, even while someone types inside them elsewhere', () => {
    const [a, b] = replicas(SAMPLE)
    const anchor = anchorOn(b, 'bonnes pratiques')
    const other = anchorOn(b, 'second paragraphe')
    const original = textOf(a, 1)
      .toString()
      .replace(/<[^>]+>/g, '')
    const start = original.indexOf('bonnes')
    textOf(a, 1).delete(start, 'bonnes pratiques'.length) // A deletes the words
    textOf(b, 1).insert(start + 3, 'x') // B types inside them meanwhile
    sync(a, b)
    for (const replica of [a, b]) {
      expect(documentText(replica)).toContain('Les villes partagent leurs x chaque année.')
      // What B typed inside the range survives, and is all that is left of it.
      expect(resolveAnchor(replica, anchor)?.text).toBe('x')
      expect(resolveAnchor(replica, other)?.text).toBe('second paragraphe')
    }

    // With nothing left between the ends, it is detached on both.
    textOf(a, 1).delete(start, 1)
    sync(a, b)
    for (const replica of [a, b]) {
      expect(resolveAnchor(replica, anchor)).toBeNull()
      expect(highlighted(replica, anchor)).toBeNull()
    }
  })

  it('are detached when their whole paragraph is deleted', () => {
    const [a, b] = replicas(SAMPLE)
    const anchor = anchorOn(a, 'second paragraphe')
    b.getXmlFragment(FRAGMENT).delete(2, 1)
    sync(a, b)
    expect(resolveAnchors(a, [anchor, anchorOn(a, 'Diagnostic')]).map((r) => r?.text ?? null)).toEqual([null, 'Diagnostic'])
  })

  it('span paragraphs', () => {
    const [a, b] = replicas(SAMPLE)
    const { doc: pm, mapping } = pmView(a)
    const from = select(pm, 'chaque année.').from
    const to = select(pm, 'Un second').to
    const fragment = a.getXmlFragment(FRAGMENT)
    const anchor = anchorFromSelection(
      a,
      absolutePositionToRelativePosition(from, fragment, mapping),
      absolutePositionToRelativePosition(to, fragment, mapping),
    )!
    textOf(b, 2).insert(2, ' tout')
    sync(a, b)
    expect(resolveAnchor(a, anchor)?.text).toBe('chaque année.\nUn tout second')
  })
})

describe('encoded positions', () => {
  const doc = editorDoc(SAMPLE)
  const valid = encodePosition(Y.createRelativePositionFromTypeIndex(textOf(doc, 1), 3))

  it('accept what the editor produces', () => {
    expect(isEncodedPosition(valid)).toBe(true)
    const resolved = Y.createAbsolutePositionFromRelativePosition(decodePosition(valid), doc)
    expect(resolved?.type).toBe(textOf(doc, 1))
    expect(resolved?.index).toBe(3)
  })

  it('refuse anything else', () => {
    const bytes = Buffer.from(valid, 'base64')
    const foreignRoot = encodePosition(Y.createRelativePositionFromTypeIndex(doc.getXmlFragment('elsewhere'), 0))
    for (const bad of [
      '',
      'not base64!',
      'AAAA',
      Buffer.concat([bytes, Buffer.of(1, 2)]).toString('base64'),
      bytes.subarray(0, 2).toString('base64'),
      'A'.repeat(400),
      foreignRoot,
    ]) {
      expect(isEncodedPosition(bad), bad).toBe(false)
    }
  })

  it('a position in another document is detached, not an error', () => {
    const elsewhere = editorDoc(SAMPLE)
    const foreign = anchorOn(elsewhere, 'bonnes pratiques')
    expect(resolveAnchor(editorDoc({ type: 'doc', content: [paragraph(text('Rien à voir'))] }), foreign)).toBeNull()
  })
})
