import { getSchema } from '@tiptap/core'
import type { MarkType, Node } from '@tiptap/pm/model'
import { cellSpan, contentExtensions, type PmNode } from '../../shared/content'

/** The editor's ProseMirror schema, built from the same extension list (shared/content.ts). */
export const schema = getSchema(contentExtensions())

/** The mark a Yjs text attribute stands for; y-tiptap names a mark that may overlap itself `name--hash`. */
export const markTypeOf = (attribute: string): MarkType | undefined => schema.marks[attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, '')]

/** Content that does not fit the schema, e.g. a list holding a heading. */
export class InvalidContent extends Error {
  constructor(reason: string) {
    super(`This content does not fit a document: ${reason}`)
    this.name = 'InvalidContent'
  }

  static withMessage(message: string): InvalidContent {
    return Object.assign(new InvalidContent(''), { message })
  }
}

/**
 * ProseMirror JSON as a checked node of the schema, for what is written into a document
 * (templates, restores). Nodes and marks the schema does not know are dropped, as the editor
 * drops them (an older version may hold them); anything else out of place throws InvalidContent.
 */
export function contentNode(json: PmNode): Node {
  const node = storedNode(json)
  try {
    node.check()
  } catch (err) {
    throw new InvalidContent(err instanceof Error ? err.message : String(err))
  }
  return node
}

/**
 * ProseMirror JSON as a node of the schema without checking how its nodes nest, for reading
 * what was stored (exports): a version saved from an odd document still exports its words.
 */
export function storedNode(json: PmNode): Node {
  try {
    return schema.nodeFromJSON(known(json))
  } catch (err) {
    throw new InvalidContent(err instanceof Error ? err.message : String(err))
  }
}

function known(json: PmNode): PmNode {
  const out: PmNode = { ...json }
  // A span stored before the schema bounded it is held to the bound, so its words still export.
  if (json.attrs && (json.type === 'tableCell' || json.type === 'tableHeader')) {
    out.attrs = { ...json.attrs, colspan: cellSpan(json.attrs.colspan), rowspan: cellSpan(json.attrs.rowspan) }
  }
  if (json.content) out.content = json.content.filter((child) => child.type === 'text' || child.type in schema.nodes).map(known)
  if (json.marks) out.marks = json.marks.filter((mark) => mark.type in schema.marks)
  return out
}
