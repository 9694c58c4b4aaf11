import type { Queryable } from '../db/db'
import { hashPassword } from '../auth/passwords'
import { createDocumentFromTemplate } from '../commands/create-document'
import { setFlagOnce } from '../data/flags'
import { addGrant } from '../data/grants'
import { createUser } from '../data/users'
import { createNetwork } from '../data/workspace'
import { addCityToNetwork } from '../commands/networks'
import type { ExpertKind, GrantRole, SpaceRef } from '../../shared/domain'
import type { DocumentKind } from '../../shared/templates'
import { ABIDJAN, tellDemoStory, type Cast, type StoryDeps } from './story'

/**
 * A demonstration network in French, seeded once (ATELIER_DEMO=1), so that a new user sees
 * a real-looking workspace. The logins are fixed so scripts and the README can name them.
 */
export const DEMO_LOGINS = {
  secretariat: 'secretariat@demo.atelier',
  pilot: 'pilote@demo.atelier',
  expert: 'experte@demo.atelier',
  funder: 'financeur@demo.atelier',
} as const

type City = { key: string; name: string; country: string; languages: string[]; kind: 'pilot' | 'member'; dates: [string, string | null, string | null] }

const CITIES: City[] = [
  { key: 'dakar', name: 'Dakar', country: 'Sénégal', languages: ['fr', 'wo'], kind: 'pilot', dates: ['2026-01-12', '2026-02-02', '2026-03-16'] },
  { key: 'abidjan', name: 'Abidjan', country: 'Côte d’Ivoire', languages: ['fr'], kind: 'member', dates: ['2026-01-12', '2026-02-20', '2026-03-16'] },
  { key: 'tunis', name: 'Tunis', country: 'Tunisie', languages: ['ar', 'fr'], kind: 'member', dates: ['2026-01-12', '2026-03-05', '2026-04-01'] },
  // Selected long ago and not started: the workspace flags the gap, as the seeds warn.
  { key: 'cotonou', name: 'Cotonou', country: 'Bénin', languages: ['fr'], kind: 'member', dates: ['2026-01-12', null, null] },
]

type Person = { email: string; name: string; role: GrantRole; on: 'network' | string; expertKind?: ExpertKind }

const PEOPLE: Person[] = [
  { email: DEMO_LOGINS.secretariat, name: 'Claire Dubois', role: 'secretariat', on: 'network' },
  { email: DEMO_LOGINS.pilot, name: 'Aminata Diallo', role: 'city_team', on: 'dakar' },
  { email: 'abidjan@demo.atelier', name: 'Koffi Kouassi', role: 'city_team', on: 'abidjan' },
  { email: 'tunis@demo.atelier', name: 'Leïla Ben Salah', role: 'city_team', on: 'tunis' },
  { email: 'cotonou@demo.atelier', name: 'Rodrigue Hounkpè', role: 'city_team', on: 'cotonou' },
  { email: DEMO_LOGINS.expert, name: 'Sophie Martin', role: 'expert', on: 'network', expertKind: 'international' },
  { email: 'expert.local@demo.atelier', name: 'Moussa Ndiaye', role: 'expert', on: 'network', expertKind: 'local' },
  { email: 'conseil@demo.atelier', name: 'Jean-Pierre Lambert', role: 'advisory', on: 'network' },
  { email: DEMO_LOGINS.funder, name: 'Fondation pour les villes — Hélène Roy', role: 'funder', on: 'network' },
]

const DOCUMENTS: { on: 'network' | string; kind: DocumentKind; title?: string }[] = [
  { on: 'network', kind: 'network_constitution' },
  { on: 'network', kind: 'thematic_sheet', title: 'Fiche thématique — Espaces publics inclusifs' },
  { on: 'network', kind: 'problem_statement' },
  { on: 'network', kind: 'workshop_report', title: 'Rapport d’atelier — Atelier international de Dakar' },
  { on: 'dakar', kind: 'action_plan', title: 'Plan d’action — Dakar' },
  { on: 'dakar', kind: 'experimentation_log', title: 'Journal d’expérimentation — Dakar' },
  { on: 'dakar', kind: 'baseline_study', title: 'Étude de référence — Dakar' },
  { on: 'abidjan', kind: 'baseline_study', title: 'Étude de contexte — Abidjan' },
  { on: 'abidjan', kind: 'action_plan', title: 'Plan d’action — Abidjan' },
  { on: 'tunis', kind: 'action_plan', title: 'Plan d’action — Tunis' },
]

/** Roles beyond each person's first: Abidjan's team member is a peer expert on Dakar's plan. */
const MORE_ROLES: { email: string; role: GrantRole; on: string; expertKind?: ExpertKind }[] = [
  { email: ABIDJAN, role: 'expert', on: 'dakar', expertKind: 'international' },
  // The network's international expert accompanies the pilot city's plan, and proposes changes in it.
  { email: DEMO_LOGINS.expert, role: 'expert', on: 'dakar', expertKind: 'international' },
]

/**
 * Seeds the demonstration network unless it already was; true if it seeded now. Its people,
 * cities and documents come in one transaction; then its story (story.ts) is told through the
 * app's commands, as people would have acted.
 */
export async function seedDemo(deps: StoryDeps, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password)
  const cast = await deps.db.transaction(async (tx) => ((await setFlagOnce(tx, 'demo_seeded')) ? seed(tx, passwordHash) : null))
  if (!cast) return false
  await tellDemoStory(deps, cast)
  return true
}

async function seed(tx: Queryable, passwordHash: string): Promise<Cast> {
  const network = await createNetwork(tx, {
    name: 'Réseau collaboratif — Espaces publics inclusifs',
    theme: 'Des espaces publics sûrs et accessibles pour toutes et tous',
    description:
      'Réseau de villes francophones d’Afrique de l’Ouest et du Maghreb qui expérimentent des aménagements d’espaces publics co-conçus avec les habitantes et habitants. Ville pilote : Dakar.',
    status: 'active',
  })
  const spaces = new Map<string, SpaceRef>([['network', { type: 'network', id: network.id }]])
  for (const c of CITIES) {
    const [selectedOn, confirmedOn, startedOn] = c.dates
    const cityId = await addCityToNetwork(tx, network.id, { city: c, kind: c.kind, selectedOn, confirmedOn, startedOn })
    spaces.set(c.key, { type: 'city', id: cityId })
  }
  const users = new Map<string, string>()
  for (const p of PEOPLE) {
    const user = await createUser(tx, { email: p.email, name: p.name, passwordHash })
    users.set(p.email, user.id)
    await addGrant(tx, { userId: user.id, role: p.role, space: spaces.get(p.on)!, expertKind: p.expertKind })
  }
  for (const r of MORE_ROLES) await addGrant(tx, { userId: users.get(r.email)!, role: r.role, space: spaces.get(r.on)!, expertKind: r.expertKind })
  const documents = new Map<string, string>()
  for (const d of DOCUMENTS) {
    const author = d.on === 'network' ? DEMO_LOGINS.secretariat : PEOPLE.find((p) => p.on === d.on)!.email
    const doc = await createDocumentFromTemplate(tx, { space: spaces.get(d.on)!, kind: d.kind, title: d.title, locale: 'fr', createdBy: users.get(author)! })
    documents.set(doc.title, doc.id)
  }
  return { networkId: network.id, cities: new Map([...spaces].filter(([key]) => key !== 'network').map(([key, space]) => [key, space.id])), users, documents }
}
