import * as Y from 'yjs'
import { resolveAnchors, type EncodedAnchor, type ResolvedAnchor } from '../../shared/anchors'
import type { ExportFormat } from '../../shared/schemas'
import type { PmNode } from '../../shared/content'
import { plainText } from '../content/text'
import { readContent, readProsemirror } from '../content/yjs'
import { settleUpdate, type SuggestionChoice } from '../content/settle'
import { pendingSuggestions, type Decision, type PendingSuggestion } from '../../shared/suggestions'
import { splitUpdate, type SplitUpdate, type UpdateLimits } from '../collab/update-parts'
import type { Cover } from '../export/cover'
import { compareDocuments, type RawBlock } from '../versions/compare'
import { restoreUpdate } from '../versions/restore'
import { captureState, docFrom, type CapturedState } from '../versions/state'

/**
 * Work whose cost grows with a document's size, done on the document thread (server/workers/
 * documents.ts) so that it never holds the event loop that serves everyone else. Each job reads
 * one document (a live replica or a stored state); each task is self-contained.
 */

export type DocumentJob =
  | { kind: 'derive' }
  | { kind: 'capture' }
  | { kind: 'prosemirror' }
  | { kind: 'anchors'; anchors: EncodedAnchor[] }
  | { kind: 'compareFrom'; older: Uint8Array }
  | { kind: 'restore'; content: PmNode }
  | { kind: 'missing'; stateVector: Uint8Array | null }
  | { kind: 'wouldChange'; update: Uint8Array }
  | { kind: 'suggestions' }
  | { kind: 'settle'; decision: Decision; choice: SuggestionChoice }

/**
 * The derived copy kept beside each document: plain text and ProseMirror JSON, as UTF-8. Large
 * strings cost the main thread to copy and to encode for the database; bytes are handed over.
 */
export type Derived = { text: Uint8Array; prosemirrorJson: Uint8Array }

const utf8 = new TextEncoder()

export type JobResult<J extends DocumentJob> = J extends { kind: 'derive' }
  ? Derived
  : J extends { kind: 'capture' }
    ? CapturedState
    : J extends { kind: 'prosemirror' }
      ? PmNode
      : J extends { kind: 'anchors' }
        ? (ResolvedAnchor | null)[]
        : J extends { kind: 'compareFrom' }
          ? RawBlock[]
          : J extends { kind: 'restore' } | { kind: 'missing' }
            ? Uint8Array
            : J extends { kind: 'suggestions' }
              ? PendingSuggestion[]
              : J extends { kind: 'settle' }
                ? { update: Uint8Array; settled: number }
                : boolean

export function runJob<J extends DocumentJob>(doc: Y.Doc, job: J): JobResult<J> {
  return run(doc, job) as JobResult<J>
}

function run(doc: Y.Doc, job: DocumentJob): unknown {
  switch (job.kind) {
    case 'derive': {
      const content = readContent(doc)
      return { text: utf8.encode(plainText(content)), prosemirrorJson: utf8.encode(JSON.stringify(content.toJSON())) } satisfies Derived
    }
    case 'capture':
      return captureState(doc)
    case 'prosemirror':
      return readProsemirror(doc)
    case 'anchors':
      return resolveAnchors(doc, job.anchors)
    case 'compareFrom': {
      const older = docFrom(job.older)
      try {
        return compareDocuments(older, doc)
      } finally {
        older.destroy()
      }
    }
    case 'restore':
      return restoreUpdate(doc, job.content)
    case 'missing':
      return job.stateVector ? Y.encodeStateAsUpdate(doc, job.stateVector) : Y.encodeStateAsUpdate(doc)
    case 'wouldChange':
      return wouldChange(doc, job.update)
    case 'suggestions':
      return pendingSuggestions(readContent(doc))
    case 'settle':
      return settleUpdate(doc, job.decision, job.choice)
  }
}

export type DocumentTask =
  | { kind: 'split'; update: Uint8Array; limits?: UpdateLimits }
  | { kind: 'merge'; updates: Uint8Array[] }
  | { kind: 'fold'; updates: Uint8Array[] }
  | { kind: 'compare'; older: Uint8Array; newer: Uint8Array }
  /** `suggesters`: names of the authors of the suggestions the content holds, by user id (DOCX shows them). */
  | { kind: 'render'; format: ExportFormat; cover: Cover; content: PmNode; suggesters?: Record<string, string> }

/** One update made of several, and the Yjs clients whose structs it carries (who wrote it). */
export type Merged = { data: Uint8Array; clients: number[] }

export type TaskResult<T extends DocumentTask> = T extends { kind: 'split' }
  ? SplitUpdate
  : T extends { kind: 'merge' }
    ? Merged
    : T extends { kind: 'fold' }
      ? Uint8Array
      : T extends { kind: 'compare' }
        ? RawBlock[]
        : Uint8Array

export async function runTask<T extends DocumentTask>(task: T): Promise<TaskResult<T>> {
  return (await perform(task)) as TaskResult<T>
}

async function perform(task: DocumentTask): Promise<unknown> {
  switch (task.kind) {
    case 'split':
      return splitUpdate(task.update, task.limits)
    case 'merge':
      return mergeUpdates(task.updates)
    case 'fold': {
      const doc = docOf(task.updates)
      try {
        return Y.encodeStateAsUpdate(doc)
      } finally {
        doc.destroy()
      }
    }
    case 'compare': {
      const older = docFrom(task.older)
      const newer = docFrom(task.newer)
      try {
        return compareDocuments(older, newer)
      } finally {
        older.destroy()
        newer.destroy()
      }
    }
    case 'render': {
      // The renderers (docx, pdfkit) are loaded on the first export only.
      const { FORMATS } = await import('../export/formats')
      return FORMATS[task.format].render(task.cover, task.content, task.suggesters ?? {})
    }
  }
}

/** A Y.Doc holding these updates, applied in one transaction; the caller destroys it. */
export function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  return doc
}

export function mergeUpdates(updates: Uint8Array[]): Merged {
  const data = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
  return { data, clients: [...Y.parseUpdateMeta(data).to.keys()] }
}

/**
 * True if the update holds anything the document does not have (content or deletions); throws
 * MalformedUpdate if it is not a valid update.
 */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  splitUpdate(update)
  const { structs, ds } = Y.decodeUpdate(update)
  const known = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (known.get(struct.id.client) ?? 0)) return true
  }
  if (ds.clients.size === 0) return false
  const deleted = Y.snapshot(doc).ds
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      if (!coveredBy(deleted.clients.get(client) ?? [], range.clock, range.len)) return true
    }
  }
  return false
}

/** Whether [clock, clock+len) lies within the sorted, merged deleted ranges. */
function coveredBy(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const r = ranges[mid]!
    if (clock < r.clock) hi = mid - 1
    else if (clock >= r.clock + r.len) lo = mid + 1
    else return clock + len <= r.clock + r.len
  }
  return false
}
