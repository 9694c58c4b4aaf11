import * as Y from 'yjs'
import type { AppDeps } from '../context'
import { startThread, replyToThread } from '../commands/comments'
import { decideOnSubmission, submitDocument } from '../commands/submissions'
import { saveVersion, writeDocument } from '../commands/versions'
import { insertCycle } from '../data/cycles'
import { getDocument, setDueDate, setPlan, type DocumentRow } from '../data/documents'
import { loadActor } from '../data/grants'
import { loadState, storedUpdates } from '../data/live-documents'
import { workshopDocuments } from '../data/workshops'
import { setPracticeStatus } from '../data/practices'
import { getNetworks } from '../data/workspace'
import { publishPractice } from '../commands/practices'
import { addParticipant, createWorkshop } from '../commands/workshops'
import { startVisitReport } from '../commands/visit-reports'
import type { ParticipantKind } from '../../shared/workshops'
import { setCityVisit, setInauguralEvent, setOnboardingItem } from '../data/onboarding'
import { ONBOARDING_ITEMS, PAPERWORK, type OnboardingItemKey } from '../../shared/onboarding'
import { updateLocalisationStep, type StepChange } from '../commands/localisation'
import { setSupportActivity } from '../data/localisation'
import type { StepKey, SupportKey } from '../../shared/localisation'
import { FRAGMENT } from '../../shared/collab'
import { encodePosition } from '../../shared/anchors'
import type { PmNode } from '../../shared/content'
import { newSuggestionId } from '../../shared/suggestions'
import { MAIL_OFF } from '../mail/mail'

/**
 * What a newcomer sees happen in the demonstration network, told through the same commands the
 * API and the live server use: documents with real text written by their cities, comments and
 * replies, a named version, and the submission cycle at several stages — Dakar's plan validated
 * as V1, experimented in two cycles, its V2 (written with Abidjan's peer expert) under review
 * with suggestions still pending from the network's expert and from Abidjan;
 * Abidjan's plan returned with remarks; Tunis's draft overdue; the secretariat's visit to Dakar
 * and its report, written with the city; two good practices in the observatory, one featured.
 */

export type StoryDeps = Pick<AppDeps, 'db' | 'hub' | 'documentReader' | 'documents' | 'versions'>
export type Cast = { networkId: string; cities: Map<string, string>; users: Map<string, string>; documents: Map<string, string> }

export async function tellDemoStory(deps: StoryDeps, cast: Cast): Promise<void> {
  const who = (email: string) => cast.users.get(email)!
  // The story's people are invented: their comments notify in the app, never by mail.
  const quiet = { ...deps, mail: MAIL_OFF }
  const doc = async (title: string): Promise<DocumentRow> => (await getDocument(deps.db, cast.documents.get(title)!))!
  const write = async (email: string, title: string, sections: Record<string, string[]>, known?: DocumentRow) => {
    const document = known ?? (await doc(title))
    const current = await deps.documentReader.read(document.id, { kind: 'prosemirror' })
    await writeDocument(deps, who(email), document, withParagraphs(current, sections))
  }
  const submit = async (email: string, title: string, message: string) => submitDocument(quiet, await loadActor(deps.db, who(email)), await doc(title), message)
  const decide = async (title: string, submissionId: string, outcome: 'returned' | 'validated', remarks = '') =>
    decideOnSubmission(quiet, await loadActor(deps.db, who(SECRETARIAT)), await doc(title), submissionId, { outcome, remarks })
  const comment = async (email: string, title: string, phrase: string, body: string, replies: [string, string][] = []) => {
    const document = await doc(title)
    await deps.hub.stored(document.id)
    const threadId = await startThread(quiet, who(email), document, await anchorOn(deps, document.id, phrase), { body, mentions: [] })
    for (const [replier, reply] of replies) await replyToThread(quiet, who(replier), document, threadId, { body: reply, mentions: [] })
  }

  // The network's sheets.
  await write(SECRETARIAT, CONSTITUTION, NETWORK_SHEET)
  await write(PILOT, THEMATIC, THEMATIC_SHEET)
  await saveVersion(deps, who(SECRETARIAT), await doc(THEMATIC), 'Version de travail — atelier de Dakar')
  await comment(EXPERT, THEMATIC, 'rues partagées', 'Avez-vous des chiffres de fréquentation avant et après, même approximatifs ?', [
    [PILOT, 'Oui : nos comptages de mars donnent 40 personnes par heure le soir, contre 15 avant. Je les ajoute à la section.'],
  ])
  await setDueDate(deps.db, (await doc(CONSTITUTION)).id, '2027-01-29')

  // Dakar: V1 returned once, then validated; two cycles; V2 written with Abidjan's peer expert, under review.
  await write(PILOT, DAKAR_PLAN, DAKAR_V1)
  const first = await submit(PILOT, DAKAR_PLAN, 'Voici notre première version, avant expérimentation.')
  await decide(DAKAR_PLAN, first, 'returned', 'Merci. Pouvez-vous préciser le budget et qui anime le groupe d’action local ?')
  await write(PILOT, DAKAR_PLAN, DAKAR_V1_REVISED)
  const second = await submit(PILOT, DAKAR_PLAN, 'Budget et animation du groupe d’action local précisés.')
  await decide(DAKAR_PLAN, second, 'validated', 'Validée : bonne base pour l’expérimentation.')
  const log = await doc(DAKAR_LOG)
  await setPlan(deps.db, log.id, (await doc(DAKAR_PLAN)).id)
  await write(PILOT, DAKAR_LOG, DAKAR_LOG_TEXT)
  for (const cycle of DAKAR_CYCLES) await insertCycle(deps.db, log.id, who(PILOT), cycle)
  await write(PILOT, DAKAR_PLAN, DAKAR_V2_PILOT)
  await write(ABIDJAN, DAKAR_PLAN, DAKAR_V2_PEER)
  await comment(SECRETARIAT, DAKAR_PLAN, 'bancs à l’ombre', 'Belle avancée. Le coût d’entretien des bancs est-il prévu au budget municipal ?')
  // Proposed, not yet accepted: the submission lists them for the secretariat.
  const suggest = async (email: string, change: SuggestedChange) => suggestChange(deps, who(email), await doc(DAKAR_PLAN), change)
  await suggest(EXPERT, { phrase: ', en commençant par le côté du marché', remove: true })
  await suggest(ABIDJAN, { phrase: 'planter douze arbres', insert: ' d’essences locales' })
  await suggest(ABIDJAN, { phrase: 'un point trimestriel', remove: true, insert: 'un comité de suivi trimestriel' })
  await submit(PILOT, DAKAR_PLAN, 'V2, après deux cycles d’expérimentation sur la place de l’Obélisque.')

  // Abidjan: returned with remarks. Tunis: a draft past its due date.
  await write(ABIDJAN, ABIDJAN_PLAN, ABIDJAN_V1)
  const abidjan = await submit(ABIDJAN, ABIDJAN_PLAN, 'Première version de notre plan.')
  await decide(ABIDJAN_PLAN, abidjan, 'returned', 'L’analyse du contexte est solide ; il manque les indicateurs de suivi et le calendrier.')
  await write(TUNIS, TUNIS_PLAN, TUNIS_DRAFT)
  await setDueDate(deps.db, (await doc(TUNIS_PLAN)).id, '2026-10-15')
  await setDueDate(deps.db, (await doc(ABIDJAN_PLAN)).id, '2027-01-15')

  // Onboarding: Dakar complete, Abidjan and Tunis on their way, Cotonou's first transfer still awaited.
  const networkId = cast.networkId
  for (const [city, keys] of Object.entries(ONBOARDED)) {
    for (const key of keys) {
      const by = PAPERWORK.includes(key) || key === 'participation_confirmed' ? SECRETARIAT : CITY_TEAMS[city]!
      await setOnboardingItem(deps.db, { networkId, cityId: cast.cities.get(city)!, key, done: true, note: NOTES[key], by: who(by) })
    }
  }
  await setInauguralEvent(deps.db, networkId, { cityId: cast.cities.get('dakar')!, plannedOn: '2026-03-16', heldOn: '2026-03-16' })
  await setCityVisit(deps.db, networkId, cast.cities.get('dakar')!, { plannedOn: '2026-04-02', heldOn: '2026-04-02' })
  const visit = await startVisitReport(deps.db, { networkId, city: { id: cast.cities.get('dakar')!, name: 'Dakar' }, userId: who(SECRETARIAT), locale: 'fr' })
  await write(SECRETARIAT, visit.document.title, DAKAR_VISIT, visit.document)
  await write(PILOT, visit.document.title, DAKAR_VISIT_EXPECTATIONS, visit.document)
  await setCityVisit(deps.db, networkId, cast.cities.get('abidjan')!, { plannedOn: '2027-01-20' })

  // Workshops: the one held in Dakar, with three funded experts and its deliverables under way; the next one, in Abidjan.
  const dakarWorkshop = await createWorkshop(deps.db, who(SECRETARIAT), networkId, DAKAR_WORKSHOP(cast.cities.get('dakar')!), 'fr')
  for (const [kind, email, name] of WORKSHOP_PEOPLE) {
    await addParticipant(quiet, dakarWorkshop, { kind, funded: true, userId: email ? who(email) : null, name, email, cityId: null }, false)
  }
  await addParticipant(
    quiet,
    dakarWorkshop,
    { kind: 'city_representative', funded: false, userId: who(ABIDJAN), name: 'Koffi Kouassi', email: ABIDJAN, cityId: cast.cities.get('abidjan')! },
    false,
  )
  const sheets = await workshopDocuments(deps.db, dakarWorkshop)
  const problem = (await getDocument(deps.db, sheets.get('problem_statement')!))!
  await write(PILOT, problem.title, PROBLEM_SHEET, problem)
  const sent = await submitDocument(quiet, await loadActor(deps.db, who(PILOT)), problem, 'Fiche remplie pendant le deuxième jour de l’atelier.')
  await decideOnSubmission(quiet, await loadActor(deps.db, who(SECRETARIAT)), problem, sent, { outcome: 'validated', remarks: '' })
  const constitution = (await getDocument(deps.db, sheets.get('network_constitution')!))!
  await write(SECRETARIAT, constitution.title, NETWORK_SHEET, constitution)
  await submitDocument(quiet, await loadActor(deps.db, who(PILOT)), constitution, 'Fiche constitutive complétée avec le plan d’action du réseau.')
  await createWorkshop(deps.db, who(SECRETARIAT), networkId, NEXT_WORKSHOP(cast.cities.get('abidjan')!), 'fr')

  // City WORKS: Dakar has prepared (its baseline study under phase I) and is connecting global
  // agendas to its action; Abidjan started with awareness, before phase I — the toolkit's advice shows.
  const documentIds = (titles: string[]) => titles.map((title) => cast.documents.get(title)!)
  for (const [city, steps] of Object.entries(LOCALISATION)) {
    for (const [key, { by, lead, documents, ...change }] of steps) {
      const actor = await loadActor(deps.db, who(by))
      const step: StepChange = { ...change, leadUserId: lead ? who(lead) : undefined, documentIds: documents ? documentIds(documents) : undefined }
      await updateLocalisationStep(deps.db, actor, cast.cities.get(city)!, key, step, change.startedOn)
    }
  }
  for (const [key, status, note] of DAKAR_SUPPORT) {
    await setSupportActivity(deps.db, { cityId: cast.cities.get('dakar')!, key, status, note, by: who(PILOT) })
  }

  // The observatory: Dakar's results, featured by the secretariat, and the experiences the thematic sheet gathers.
  const [network] = await getNetworks(deps.db, [networkId])
  for (const { document, featured, ...practice } of PRACTICES) {
    const id = await publishPractice(deps, await doc(document), { ...practice, themes: [network!.theme], networkId, publishedBy: who(PILOT) })
    if (featured) await setPracticeStatus(deps.db, id, { featured: true })
  }
}

/** The document with these paragraphs under each named section: an empty paragraph there is filled, others are kept and added to. */
function withParagraphs(json: PmNode, sections: Record<string, string[]>): PmNode {
  const blocks = [...(json.content ?? [])]
  const out: PmNode[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    out.push(block)
    const heading = block.type === 'heading' ? (block.content ?? []).map((t) => t.text ?? '').join('') : null
    const added = heading === null ? undefined : sections[heading]
    if (!added) continue
    // Keep what the section already says, then add.
    while (blocks[i + 1] && blocks[i + 1]!.type !== 'heading') {
      const next = blocks[++i]!
      if (next.type !== 'paragraph' || (next.content ?? []).length > 0) out.push(next)
    }
    out.push(...added.map((text): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text }] })))
  }
  const headings = new Set(blocks.filter((b) => b.type === 'heading').map((b) => (b.content ?? []).map((t) => t.text ?? '').join('')))
  const missing = Object.keys(sections).filter((name) => !headings.has(name))
  if (missing.length > 0) throw new Error(`the demo's story writes under sections the document does not have: ${missing.join(', ')}`)
  return { type: 'doc', content: out }
}

/** An anchor on `phrase`, as the editor would make it from a selection of those words. */
async function anchorOn(deps: StoryDeps, documentId: string, phrase: string) {
  const doc = new Y.Doc()
  try {
    for (const update of storedUpdates(await loadState(deps.db, documentId))) Y.applyUpdate(doc, update)
    for (const text of textsOf(doc.getXmlFragment(FRAGMENT))) {
      const at = text.toJSON().indexOf(phrase)
      if (at === -1) continue
      return {
        start: encodePosition(Y.createRelativePositionFromTypeIndex(text, at, 0)),
        end: encodePosition(Y.createRelativePositionFromTypeIndex(text, at + phrase.length, -1)),
        quote: phrase,
      }
    }
    throw new Error(`the demo's story comments on “${phrase}”, which the document does not hold`)
  } finally {
    doc.destroy()
  }
}

/** A change proposed at `phrase`: removing it, adding words after it, or both (a rewording). */
type SuggestedChange = { phrase: string; remove?: boolean; insert?: string }

/** Proposes a change as the suggester's editor would: marked text, made as their edit on the live document. */
async function suggestChange(deps: StoryDeps, userId: string, document: DocumentRow, change: SuggestedChange): Promise<void> {
  await deps.hub.edit(
    document.id,
    document.space,
    userId,
    async () => {
      const copy = new Y.Doc()
      try {
        Y.applyUpdate(copy, await deps.documents.job({ live: document.id }, { kind: 'missing', stateVector: null }))
        const before = Y.encodeStateVector(copy)
        const words = (t: Y.XmlText) => (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
        const text = textsOf(copy.getXmlFragment(FRAGMENT)).find((t) => words(t).includes(change.phrase))
        if (!text) throw new Error(`the demo's story suggests a change at “${change.phrase}”, which the document does not hold`)
        const at = words(text).indexOf(change.phrase)
        const attrs = { id: newSuggestionId(userId), authorId: userId, createdAt: new Date().toISOString() }
        if (change.remove) text.format(at, change.phrase.length, { deletion: attrs })
        if (change.insert) text.insert(at + change.phrase.length, change.insert, { insertion: attrs })
        return Y.encodeStateAsUpdate(copy, before)
      } finally {
        copy.destroy()
      }
    },
    async () => undefined,
  )
}

function textsOf(node: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  return node.toArray().flatMap((child) => (child instanceof Y.XmlText ? [child] : child instanceof Y.XmlElement ? textsOf(child) : []))
}

export const SECRETARIAT = 'secretariat@demo.atelier'
export const PILOT = 'pilote@demo.atelier'
export const ABIDJAN = 'abidjan@demo.atelier'
export const TUNIS = 'tunis@demo.atelier'
export const EXPERT = 'experte@demo.atelier'

export const CONSTITUTION = 'Fiche constitutive du Réseau collaboratif'
export const THEMATIC = 'Fiche thématique — Espaces publics inclusifs'
export const DAKAR_PLAN = 'Plan d’action — Dakar'
export const DAKAR_LOG = 'Journal d’expérimentation — Dakar'
export const ABIDJAN_PLAN = 'Plan d’action — Abidjan'
export const TUNIS_PLAN = 'Plan d’action — Tunis'

const NETWORK_SHEET = {
  'Thématique prioritaire': [
    'Des espaces publics sûrs, ombragés et accessibles, conçus avec les femmes, les enfants et les personnes âgées qui les fréquentent.',
  ],
  'Ville pilote': ['Dakar, qui a déjà transformé deux rues en rues partagées et anime un groupe d’action local depuis 2025.'],
  'Villes membres': ['Abidjan, Tunis et Cotonou, chacune avec une place ou une rue d’expérimentation choisie avec ses habitants.'],
}

const THEMATIC_SHEET = {
  'Situation actuelle': ['Les places des quartiers denses manquent d’ombre et de bancs ; les femmes et les aînés les évitent aux heures chaudes et le soir.'],
  'Expériences menées ou en cours': [
    'À Dakar, deux rues partagées ont triplé la fréquentation du soir ; à Tunis, des chaises mobiles ont fait revenir les familles sur la place.',
  ],
}

const DAKAR_V1 = {
  'Exposé du problème': ['La place de l’Obélisque est minérale, sans ombre ni assise : elle se vide entre 11 h et 17 h et le soir, faute d’éclairage.'],
  'Analyse du contexte local': ['Trois écoles et un marché bordent la place ; 60 % des passants sont des femmes, d’après nos comptages de février.'],
  'Conception de la solution': ['Installer des bancs à l’ombre, planter douze arbres et éclairer les cheminements, en commençant par le côté du marché.'],
}

const DAKAR_V1_REVISED = {
  'Engagement des parties prenantes (équipe locale et groupe d’action local)': [
    'Le groupe d’action local réunit la mairie d’arrondissement, l’association des commerçantes et deux écoles ; il est animé par Aminata Diallo.',
  ],
  'Suivi et reporting (coordination avec l’organisme de financement)': [
    'Budget : 45 000 € sur 18 mois, dont 30 000 € du financeur ; un point trimestriel avec la Fondation.',
  ],
}

const DAKAR_LOG_TEXT = {
  Hypothèses: ['Des bancs à l’ombre et un meilleur éclairage feront revenir les femmes et les aînés sur la place.'],
  Résultats: ['Après deux cycles, la fréquentation du soir a plus que doublé ; l’ombre compte plus que le nombre de bancs.'],
}

const DAKAR_CYCLES = [
  {
    startsOn: '2026-04-06',
    endsOn: '2026-06-05',
    hypotheses: 'Six bancs mobiles sous des voiles d’ombrage suffiront à faire revenir les aînées l’après-midi.',
    results: 'Fréquentation de l’après-midi : de 8 à 21 personnes par heure ; les bancs au soleil restent vides.',
    lessons: 'L’ombre d’abord : déplacer les bancs vers les arbres existants avant d’en ajouter.',
  },
  {
    startsOn: '2026-06-22',
    endsOn: '2026-09-18',
    hypotheses: 'Éclairer les cheminements du marché prolongera l’usage de la place après 19 h.',
    results: 'Le soir, 40 personnes par heure contre 15 avant ; les commerçantes restent ouvertes une heure de plus.',
    lessons: 'Associer les commerçantes à l’entretien : elles signalent les pannes le jour même.',
  },
]

const DAKAR_V2_PILOT = {
  'Expérimentation : hypothèses et cycles': [
    'Deux cycles (avril–juin, juin–septembre) : les bancs à l’ombre ont fait revenir les aînées ; l’éclairage a doublé la fréquentation du soir.',
  ],
  'Vision pour l’avenir': ['Étendre l’aménagement aux deux places voisines en 2027, avec le même groupe d’action local.'],
}

const DAKAR_V2_PEER = {
  'Enseignements tirés': [
    'Vu d’Abidjan : commencer par l’ombre plutôt que par le mobilier, et confier l’entretien aux commerçantes, est transposable chez nous.',
  ],
}

const ABIDJAN_V1 = {
  'Exposé du problème': ['La place du marché de Treichville est saturée de stationnement ; les piétons n’ont plus d’espace pour s’arrêter.'],
  'Analyse du contexte local': ['Le marché attire 12 000 personnes par jour ; les vendeuses s’installent sur les trottoirs, faute de place.'],
}

const TUNIS_DRAFT = {
  'Exposé du problème': ['Le jardin du Passage est fermé le soir et mal éclairé ; les familles ne s’y attardent plus.'],
}

const CITY_TEAMS: Record<string, string> = { dakar: PILOT, abidjan: ABIDJAN, tunis: TUNIS, cotonou: 'cotonou@demo.atelier' }

const ONBOARDED: Record<string, OnboardingItemKey[]> = {
  dakar: [...ONBOARDING_ITEMS],
  abidjan: ['participation_confirmed', 'contract_signed', 'first_transfer', 'made_public', 'expectations_defined'],
  tunis: ['participation_confirmed', 'contract_signed', 'first_transfer'],
  cotonou: ['participation_confirmed', 'contract_signed'],
}

const NOTES: Partial<Record<OnboardingItemKey, string>> = {
  first_transfer: 'Reçu sur le compte de la ville ; copie de l’avis de virement transmise au bailleur.',
  made_public: 'Annonce au conseil municipal et communiqué de presse.',
}

export const DAKAR_VISIT_REPORT = 'Rapport de visite — Dakar'

/** The good practices Dakar's team published, each from a section of a document. */
export const PRACTICES = [
  {
    title: 'Des bancs à l’ombre pour faire revenir les habitants le soir',
    summary: 'Place de l’Obélisque, deux cycles d’expérimentation : l’ombre et l’éclairage ont plus que doublé la fréquentation du soir.',
    document: DAKAR_LOG,
    section: 'Résultats',
    axis: 'intelligence',
    featured: true,
  },
  {
    title: 'Rues partagées et chaises mobiles',
    summary: 'À Dakar, des rues partagées ; à Tunis, des chaises mobiles : deux façons simples de rendre la place aux familles.',
    document: THEMATIC,
    section: 'Expériences menées ou en cours',
    axis: 'cooperation',
    featured: false,
  },
] as const

const DAKAR_VISIT = {
  'Objet et déroulé de la visite': [
    'Visite du Secrétariat à Dakar le 2 avril 2026 : rencontre de l’équipe locale le matin, visite de la place de l’Obélisque à midi, réunion avec le maire et les acteurs locaux l’après-midi.',
  ],
  'Personnes rencontrées (équipe locale, maire et dirigeants, acteurs locaux)': [
    'Aminata Diallo et l’équipe du service des espaces publics ; le maire et son adjointe à l’urbanisme ; l’association des commerçantes du marché et les directrices de deux écoles riveraines.',
  ],
  'Communication sur le projet (citoyens, médias, acteurs clés)': [
    'Conférence de presse à l’hôtel de ville avec le maire ; reportage de la radio municipale sur la place de l’Obélisque ; annonce sur les réseaux sociaux de la ville.',
  ],
  'Questions de la ville et réponses apportées': [
    'Le premier virement peut-il financer du mobilier ? Oui, dans la limite du budget d’expérimentation prévu au contrat.',
    'Qui anime le groupe d’action local ? L’équipe de la ville, avec l’appui du Secrétariat pour la première réunion.',
  ],
  'Informations recueillies sur le contexte local': [
    'La place se vide aux heures chaudes ; trois écoles et un marché la bordent ; la mairie d’arrondissement prévoit des travaux de voirie à l’automne.',
  ],
  'État des formalités (contrat, premier virement)': [
    'Contrat signé en février ; premier virement reçu fin mars, une fois ouverte la ligne budgétaire par la direction des finances.',
  ],
  'Prochaines étapes convenues': [
    'Réunir le groupe d’action local avant fin avril ; lancer les comptages de fréquentation ; préparer l’Atelier international de Dakar (12–14 mai).',
  ],
}

const DAKAR_VISIT_EXPECTATIONS = {
  'Attentes de la ville': [
    'Apprendre des autres villes comment associer les habitantes à la conception des places, et l’appui d’un expert sur l’éclairage public.',
  ],
}
/** A step as it was taken: by whom, on the day it started (its days given, as they were). */
type DemoStep = StepChange & { startedOn: string; by: string; lead?: string; documents?: string[] }
export const DAKAR_BASELINE = 'Étude de référence — Dakar'
const ABIDJAN_BASELINE = 'Étude de contexte — Abidjan'
const LOCALISATION: Record<string, [StepKey, DemoStep][]> = {
  dakar: [
    [
      'collect_information',
      {
        by: PILOT,
        lead: PILOT,
        status: 'done',
        startedOn: '2026-01-12',
        doneOn: '2026-02-27',
        documents: [DAKAR_BASELINE],
        note: 'Entretiens avec les directions de l’urbanisme et des espaces verts ; étude de référence rédigée avec l’Agence de développement municipal.',
      },
    ],
    [
      'define_the_process',
      {
        by: SECRETARIAT,
        lead: SECRETARIAT,
        status: 'done',
        startedOn: '2026-02-16',
        doneOn: '2026-03-20',
        note: 'Plan opérationnel validé lors de l’atelier de Dakar : ateliers de quartier, puis autoévaluation.',
      },
    ],
    ['raise_awareness', { by: PILOT, lead: PILOT, status: 'done', startedOn: '2026-04-06', doneOn: '2026-06-30' }],
    [
      'understand_current_situation',
      {
        by: PILOT,
        lead: ABIDJAN,
        status: 'in_progress',
        startedOn: '2026-09-14',
        note: 'Autoévaluation ODD en cours avec les mairies d’arrondissement ; carte des enjeux par quartier à compléter.',
      },
    ],
  ],
  abidjan: [
    ['raise_awareness', { by: ABIDJAN, lead: ABIDJAN, status: 'in_progress', startedOn: '2026-10-05' }],
    [
      'understand_current_situation',
      {
        by: ABIDJAN,
        status: 'in_progress',
        startedOn: '2026-10-19',
        documents: [ABIDJAN_BASELINE],
        note: 'L’étude de contexte sert de point de départ.',
      },
    ],
  ],
}
const DAKAR_SUPPORT: [SupportKey, 'in_progress' | 'done', string][] = [
  ['stakeholders', 'in_progress', 'Groupe d’action local réuni chaque mois.'],
  ['peer_learning', 'in_progress', 'Échanges avec Abidjan sur l’autoévaluation.'],
]

const DAKAR_WORKSHOP = (hostCityId: string) => ({
  title: 'Atelier international de Dakar',
  hostCityId,
  startsOn: '2026-05-12',
  endsOn: '2026-05-14',
  place: 'Maison de la culture Douta Seck, Dakar',
  objectives: ['Identifier les bonnes pratiques', 'Choisir la problématique prioritaire', 'Ébaucher un projet pilote'],
})

const NEXT_WORKSHOP = (hostCityId: string) => ({
  title: 'Atelier international d’Abidjan',
  hostCityId,
  startsOn: '2027-02-16',
  endsOn: '2027-02-17',
  place: 'Hôtel de ville du Plateau, Abidjan',
  objectives: ['Partager les résultats des expérimentations'],
})

const WORKSHOP_PEOPLE: [ParticipantKind, string | null, string][] = [
  ['international_expert', EXPERT, 'Sophie Martin'],
  ['local_expert', 'expert.local@demo.atelier', 'Moussa Ndiaye'],
  ['international_expert', null, 'Ana Souza'],
  ['advisory', 'conseil@demo.atelier', 'Jean-Pierre Lambert'],
]

const PROBLEM_SHEET = {
  'Problématique prioritaire retenue': ['Des places publiques qui excluent, aux heures chaudes et le soir, les femmes, les enfants et les aînés.'],
}
