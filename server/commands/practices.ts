import type { AppDeps } from '../context'
import type { DocumentRow } from '../data/documents'
import { getPractice, insertPractice, replaceCopy, type PracticeCopy, type PracticeFields, type PracticeRow } from '../data/practices'
import { getNetworks, listMemberships, type NetworkRow } from '../data/workspace'
import { ApiError } from '../errors'
import { nodeText, sectionOf } from '../../shared/practices'

type Deps = Pick<AppDeps, 'db' | 'documentReader'>

/**
 * The networks a document may be published in: a network's document in its own; a city's in
 * any network the city is in now.
 */
export async function publishableNetworks(deps: Deps, document: DocumentRow): Promise<NetworkRow[]> {
  const ids = document.space.type === 'network' ? [document.space.id] : (await listMemberships(deps.db, { cityId: document.space.id })).map((m) => m.networkId)
  return getNetworks(deps.db, ids)
}

/** The network the practice goes in: the one asked for, or the only one there is. */
async function networkFor(deps: Deps, document: DocumentRow, asked: string | undefined): Promise<string> {
  const networks = await publishableNetworks(deps, document)
  if (asked !== undefined) {
    if (networks.some((n) => n.id === asked)) return asked
    throw new ApiError('invalid_input', 'A practice is published in a network of the document’s city', {
      fields: [{ path: 'networkId', message: 'not a network of this document’s city' }],
    })
  }
  if (networks.length === 1) return networks[0]!.id
  if (networks.length === 0) throw new ApiError('conflict', 'This city is in no network: its documents cannot be published in the library')
  throw new ApiError('invalid_input', 'The city is in several networks: say which one the practice is published in', {
    fields: [{ path: 'networkId', message: 'required: the city is in several networks' }],
  })
}

/** The document as it is now (live or stored), whole or the one section; null when it has no such heading. */
async function copyOf(deps: Deps, document: DocumentRow, section: string | null): Promise<PracticeCopy | null> {
  const whole = await deps.documentReader.read(document.id, { kind: 'prosemirror' })
  const content = section === null ? whole : sectionOf(whole, section)
  if (!content) return null
  return { section, content, body: nodeText(content), locale: document.locale }
}

/** Publishes a copy of the document (or a section of it) as a practice; returns its id. */
export async function publishPractice(
  deps: Deps,
  document: DocumentRow,
  p: PracticeFields & { section: string | null; networkId: string | undefined; publishedBy: string },
): Promise<string> {
  const networkId = await networkFor(deps, document, p.networkId)
  const copy = await copyOf(deps, document, p.section)
  if (!copy) {
    throw new ApiError('invalid_input', `The document has no heading « ${p.section} »`, {
      fields: [{ path: 'section', message: 'no such heading in the document' }],
    })
  }
  return insertPractice(deps.db, {
    ...p,
    ...copy,
    documentId: document.id,
    networkId,
    cityId: document.space.type === 'city' ? document.space.id : null,
  })
}

/** Takes the copy again from the source as it is now; the section is found again by its heading. */
export async function republishPractice(deps: Deps, practice: PracticeRow, document: DocumentRow): Promise<PracticeRow> {
  const copy = await copyOf(deps, document, practice.section)
  if (!copy) throw new ApiError('conflict', `The source no longer has the heading « ${practice.section} »: publish the section again under its new heading`)
  await replaceCopy(deps.db, practice.id, copy)
  return (await getPractice(deps.db, practice.id))!
}
