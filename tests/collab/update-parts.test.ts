import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { MalformedUpdate, splitUpdate } from '../../server/collab/update-parts'

/** The parts of an update must do exactly what the whole does, for any update Yjs writes. */

type Op =
  | { kind: 'paragraph'; at: number; text: string }
  | { kind: 'type'; at: number; text: string }
  | { kind: 'bold'; at: number; len: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'attr'; at: number; value: unknown }
  | { kind: 'map'; key: string; value: unknown }

const text = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'é', ' ', '😀', '中', 'Z') })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('paragraph' as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant('bold' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('attr' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('map' as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.jsonValue({ maxDepth: 3 }) }),
)

function play(doc: Y.Doc, ops: Op[]): void {
  const fragment = doc.getXmlFragment('default')
  for (const o of ops) {
    doc.transact(() => {
      const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
      const target = paragraphs.length > 0 ? paragraphs[('at' in o ? o.at : 0) % paragraphs.length]! : null
      const t = target?.get(0) instanceof Y.XmlText ? (target.get(0) as Y.XmlText) : null
      switch (o.kind) {
        case 'paragraph': {
          const p = new Y.XmlElement('paragraph')
          p.insert(0, [new Y.XmlText(o.text)])
          fragment.insert(o.at % (fragment.length + 1), [p])
          break
        }
        case 'type':
          t?.insert(o.at % (t.length + 1), o.text)
          break
        case 'bold':
          if (t && t.length > 0) t.format(o.at % t.length, o.len, { bold: {} })
          break
        case 'delete':
          if (t && t.length > 0) t.delete(o.at % t.length, Math.min(o.len, t.length - (o.at % t.length)))
          else if (fragment.length > 0) fragment.delete(o.at % fragment.length, 1)
          break
        case 'attr':
          target?.setAttribute('data', o.value as string)
          break
        case 'map':
          doc.getMap('meta').set(o.key, o.value)
          break
      }
    })
  }
}

/**
 * What a document holds: its blocks, their text, other shared data, its state vector. Not
 * formatting: Yjs tidies formatting marks after each transaction that applies a remote update, so
 * when a large update is applied over several transactions, marks left around nothing (or a mark
 * that only a deletion later in the same update made redundant) may be tidied differently. Every
 * copy then converges on the server's result, which is stored like any edit.
 */
const held = (doc: Y.Doc) => ({
  blocks: doc
    .getXmlFragment('default')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? {
            name: node.nodeName,
            attributes: node.getAttributes(),
            text: node
              .toArray()
              .map((t) =>
                t instanceof Y.XmlText ? (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : '',
              )
              .join(''),
          }
        : String(node),
    ),
  meta: doc.getMap('meta').toJSON(),
  sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
})

/** Everything, formatting included, exactly. */
const exact = (doc: Y.Doc) => ({
  ...held(doc),
  formatting: doc
    .getXmlFragment('default')
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? t.toDelta() : null)) : null)),
})

const limits = fc.record({ structsPerPart: fc.integer({ min: 1, max: 8 }), rangesPerPart: fc.integer({ min: 1, max: 8 }) })

describe('cutting a Yjs update into parts', () => {
  it('applying the parts in order gives the same document as the whole update, from any starting state', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), fc.array(op, { maxLength: 25 }), fc.array(op, { maxLength: 10 }), limits, (before, a, b, lim) => {
        const base = new Y.Doc()
        play(base, before)
        // Two writers diverge from the base; the update is everything they wrote since it.
        const writer = new Y.Doc()
        Y.applyUpdate(writer, Y.encodeStateAsUpdate(base))
        const other = new Y.Doc()
        Y.applyUpdate(other, Y.encodeStateAsUpdate(base))
        play(writer, a)
        play(other, b)
        Y.applyUpdate(writer, Y.encodeStateAsUpdate(other))
        const update = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(base))

        const fresh = () => {
          const doc = new Y.Doc()
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
          return doc
        }
        const whole = fresh()
        Y.applyUpdate(whole, update)
        const split = splitUpdate(update, lim)
        // All parts in one transaction (what the server does with any update it applies at once): exactly the same.
        const together = fresh()
        together.transact(() => split.parts.forEach((part) => Y.applyUpdate(together, part)), 'client')
        expect(exact(together)).toEqual(exact(whole))
        // One transaction per part (the most a large update is ever cut): the same blocks, text and data.
        const apart = fresh()
        for (const part of split.parts) Y.applyUpdate(apart, part)
        expect(held(apart)).toEqual(held(whole))
        expect(split.parts.length).toBeGreaterThanOrEqual(Math.ceil(split.structs / lim.structsPerPart))
        expect(new Set(split.clients)).toEqual(new Set(Y.parseUpdateMeta(update).to.keys()))
      }),
      { numRuns: 1000 },
    )
  })

  it('counts what it carries and cuts a big paste into many small parts', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('default')
    fragment.insert(
      0,
      Array.from({ length: 1000 }, (_, i) => {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`paragraphe ${i}`)])
        return p
      }),
    )
    const update = Y.encodeStateAsUpdate(doc)
    const split = splitUpdate(update)
    expect(split.structs).toBe(Y.decodeUpdate(update).structs.length)
    expect(split.parts.length).toBe(Math.ceil(split.structs / 64))
    expect(split.clients).toEqual([doc.clientID])
  })

  it('refuses every truncation of a valid update, and never lets through one that Yjs cannot apply', () => {
    const doc = new Y.Doc()
    play(doc, [
      { kind: 'paragraph', at: 0, text: 'Plan d’action' },
      { kind: 'type', at: 3, text: 'mobilité' },
      { kind: 'bold', at: 1, len: 3 },
      { kind: 'attr', at: 0, value: { level: 2 } },
      { kind: 'map', key: 'a', value: [1, { b: 'c' }] },
      { kind: 'delete', at: 2, len: 2 },
    ])
    const update = Y.encodeStateAsUpdate(doc)
    for (let cut = 0; cut < update.length; cut++) {
      expect(() => splitUpdate(update.subarray(0, cut)), `cut at ${cut}`).toThrow(MalformedUpdate)
    }
    fc.assert(
      fc.property(fc.nat({ max: update.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = Uint8Array.from(update)
        mutated[at] = byte
        let split: ReturnType<typeof splitUpdate>
        try {
          split = splitUpdate(mutated)
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedUpdate)
          return
        }
        const target = new Y.Doc()
        for (const part of split.parts) Y.applyUpdate(target, part)
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses trailing bytes, subdocuments and values nested deeper than the editor ever writes', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('x', 1)
    const update = Y.encodeStateAsUpdate(doc)
    expect(() => splitUpdate(Uint8Array.of(...update, 0))).toThrow(/trailing/)

    const withSubdoc = new Y.Doc()
    withSubdoc.getMap('m').set('sub', new Y.Doc())
    expect(() => splitUpdate(Y.encodeStateAsUpdate(withSubdoc))).toThrow(/unsupported content/)

    let deep: unknown = 'bottom'
    for (let i = 0; i < 40; i++) deep = [deep]
    const nested = new Y.Doc()
    nested.getMap('m').set('deep', deep)
    expect(() => splitUpdate(Y.encodeStateAsUpdate(nested))).toThrow(/nested too deeply/)
  })

  it('refuses a header that claims more structs than the message could hold, without allocating for them', () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 2 ** 31)
    encoding.writeVarUint(e, 7)
    encoding.writeVarUint(e, 0)
    expect(() => splitUpdate(encoding.toUint8Array(e))).toThrow(MalformedUpdate)
  })
})
