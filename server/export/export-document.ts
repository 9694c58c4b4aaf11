import type { AppDeps } from '../context'
import type { DocumentRow } from '../data/documents'
import { describePeople } from '../data/people'
import { getNetworks, listMemberships } from '../data/workspace'
import type { ExportFormat } from '../../shared/schemas'
import { coverOf } from './cover'
import { contentDisposition } from './filename'
import { FORMATS } from './formats'
import { suggestionAuthorIds } from './pm'
import { exportSource } from './source'

export type ExportFile = { body: Uint8Array<ArrayBuffer>; contentType: string; disposition: string }

/** One document (live, or a version) as a file; null when there is no such version. */
export async function exportDocument(
  deps: Pick<AppDeps, 'db' | 'documentReader' | 'documents'>,
  document: DocumentRow,
  format: ExportFormat,
  versionId?: string,
  now = new Date(),
): Promise<ExportFile | null> {
  const source = await exportSource(deps, document, versionId)
  if (!source) return null
  const [networks, people, suggesters] = await Promise.all([
    networksOf(deps, document),
    describePeople(deps.db, source.authorIds, document.space),
    describePeople(deps.db, suggestionAuthorIds(source.content).filter(isUuid), document.space),
  ])
  const cover = coverOf({
    title: document.title,
    kind: document.kind,
    locale: document.locale,
    networks,
    city: document.space.type === 'city' ? document.space.name : null,
    version: source.version,
    exportedAt: now,
    contributors: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, document.locale)),
  })
  const { contentType, extension } = FORMATS[format]
  const name = { title: document.title, version: source.version?.name ?? null, date: source.version?.createdAt ?? now, extension }
  // Rendering grows with the document: on the document thread.
  const names = Object.fromEntries([...suggesters.values()].map((p) => [p.id, p.name]))
  const body = await deps.documents.task({ kind: 'render', format, cover, content: source.content, suggesters: names })
  return { body: body as Uint8Array<ArrayBuffer>, contentType, disposition: contentDisposition(name) }
}

/** A network's document names its network; a city's, the networks the city is in now. */
async function networksOf(deps: Pick<AppDeps, 'db'>, document: DocumentRow): Promise<string[]> {
  if (document.space.type === 'network') return [document.space.name]
  const memberships = await listMemberships(deps.db, { cityId: document.space.id })
  return (
    await getNetworks(
      deps.db,
      memberships.map((m) => m.networkId),
    )
  ).map((n) => n.name)
}

/** A suggestion's author id that is not an account's (a hand-made mark) names nobody. */
const isUuid = (id: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
