/**
 * City WORKS, the toolkit for localising global agendas (seed 000, localising-global-agendas.org):
 * three phases, eight steps with their guiding questions, and five support activities. The
 * server's report and the client's tracker both read their names here.
 *
 * Wording. English step names and questions marked "quoted" are the toolkit's own words, from its
 * step pages (localising-global-agendas.org/city-works-toolkit/<step>/); those marked "ours" could
 * not be found there and are written from the toolkit's phase descriptions. French phase names and
 * the advice are the seed's (the toolkit's French page); every other French and every Spanish text
 * is our translation.
 */

export type Localised = { fr: string; en: string; es: string }

export const STEP_STATUSES = ['not_started', 'in_progress', 'done', 'skipped'] as const
export type StepStatus = (typeof STEP_STATUSES)[number]

export type StepContent = { key: string; name: Localised; questions: readonly Localised[] }
export type PhaseContent = { key: string; number: 'I' | 'II' | 'III'; name: Localised; steps: readonly StepContent[] }

export const PHASES = [
  {
    key: 'prepare',
    number: 'I',
    // fr: the seed; en: the toolkit; es: ours.
    name: { fr: 'Préparer le processus de localisation', en: 'Prepare the localisation process', es: 'Preparar el proceso de localización' },
    steps: [
      {
        key: 'collect_information',
        // en quoted (step page "Collect Information", its five guiding questions).
        name: { fr: 'Collecter les informations', en: 'Collect information', es: 'Recopilar información' },
        questions: [
          {
            en: 'At which level do you want to apply City WORKS – national, subnational, local, multi-level, multi-municipality?',
            fr: 'À quel niveau souhaitez-vous appliquer City WORKS : national, infranational, local, multiniveau, intercommunal ?',
            es: '¿En qué nivel quiere aplicar City WORKS: nacional, subnacional, local, multinivel, intermunicipal?',
          },
          {
            en: 'Which stakeholders should be involved and how?',
            fr: 'Quelles parties prenantes faut-il associer, et comment ?',
            es: '¿Qué actores deberían participar y cómo?',
          },
          {
            en: 'Which needs, capacities and mandates do partners and stakeholders have and what needs to be improved?',
            fr: 'Quels besoins, capacités et mandats ont les partenaires et les parties prenantes, et que faut-il améliorer ?',
            es: '¿Qué necesidades, capacidades y mandatos tienen los socios y actores, y qué hay que mejorar?',
          },
          {
            en: 'Which (national/local) policies, plans and processes are relevant for the localisation of global agendas?',
            fr: 'Quels politiques, plans et processus (nationaux ou locaux) comptent pour la localisation des programmes mondiaux ?',
            es: '¿Qué políticas, planes y procesos (nacionales o locales) son pertinentes para la localización de las agendas globales?',
          },
          {
            en: 'What are the enabling conditions within the national (and local) context that define the scope for action of your city?',
            fr: 'Quelles conditions du contexte national (et local) déterminent la marge d’action de votre ville ?',
            es: '¿Qué condiciones del contexto nacional (y local) definen el margen de acción de su ciudad?',
          },
        ],
      },
      {
        key: 'define_the_process',
        // en quoted (step page "Define the Process"): the first two questions; the third is cut short
        // in our source ("Which steps and too…") and completed by us.
        name: { fr: 'Définir le processus', en: 'Define the process', es: 'Definir el proceso' },
        questions: [
          {
            en: 'What are the main outcomes expected by partners?',
            fr: 'Quels sont les principaux résultats attendus par les partenaires ?',
            es: '¿Cuáles son los principales resultados que esperan los socios?',
          },
          {
            en: 'Which ongoing or planned activities could be directly or indirectly supported by City WORKS?',
            fr: 'Quelles activités en cours ou prévues City WORKS pourrait-il soutenir, directement ou indirectement ?',
            es: '¿Qué actividades en curso o previstas podría apoyar City WORKS, directa o indirectamente?',
          },
          {
            en: 'Which steps and tools of City WORKS suit your case best?',
            fr: 'Quelles étapes et quels outils de City WORKS conviennent le mieux à votre cas ?',
            es: '¿Qué pasos y herramientas de City WORKS se adaptan mejor a su caso?',
          },
        ],
      },
    ],
  },
  {
    key: 'connect',
    number: 'II',
    name: {
      fr: 'Relier les programmes mondiaux aux actions locales',
      en: 'Connect global agendas to local action',
      es: 'Conectar las agendas globales con la acción local',
    },
    steps: [
      {
        key: 'raise_awareness',
        // en quoted (step page "Raise Awareness", its three guiding questions).
        name: { fr: 'Sensibiliser', en: 'Raise awareness', es: 'Sensibilizar' },
        questions: [
          {
            en: 'Which global agendas are most relevant to the key stakeholders?',
            fr: 'Quels programmes mondiaux comptent le plus pour les principales parties prenantes ?',
            es: '¿Qué agendas globales son más pertinentes para los actores clave?',
          },
          {
            en: 'What is the level of knowledge and awareness regarding global agendas?',
            fr: 'Quel est le niveau de connaissance et de sensibilisation aux programmes mondiaux ?',
            es: '¿Cuál es el nivel de conocimiento y sensibilización sobre las agendas globales?',
          },
          {
            en: 'To what extent are key stakeholders aware of their specific contribution to global agendas?',
            fr: 'Dans quelle mesure les principales parties prenantes ont-elles conscience de leur contribution propre aux programmes mondiaux ?',
            es: '¿En qué medida los actores clave son conscientes de su contribución específica a las agendas globales?',
          },
        ],
      },
      {
        key: 'understand_current_situation',
        // en name from the toolkit's address for this step (…/understand-current-situation/); its
        // questions are ours, after the phase's description ("analyse where your city currently stands").
        name: { fr: 'Comprendre la situation actuelle', en: 'Understand the current situation', es: 'Comprender la situación actual' },
        questions: [
          {
            en: 'Where does your city currently stand in regard to the global goals and targets?',
            fr: 'Où en est aujourd’hui votre ville au regard des objectifs et des cibles mondiaux ?',
            es: '¿Dónde se sitúa hoy su ciudad con respecto a los objetivos y metas globales?',
          },
          {
            en: 'Which challenges and opportunities matter most, and in which parts of the city?',
            fr: 'Quels défis et quelles opportunités comptent le plus, et dans quels quartiers de la ville ?',
            es: '¿Qué desafíos y oportunidades importan más, y en qué zonas de la ciudad?',
          },
        ],
      },
      {
        key: 'identify_measures',
        // en name quoted (step "Identify Measures"); its questions are ours, after its meta-tool.
        name: { fr: 'Identifier des mesures', en: 'Identify measures', es: 'Identificar medidas' },
        questions: [
          {
            en: 'Which measures in existing policies and plans already contribute to global goals?',
            fr: 'Quelles mesures des politiques et plans existants contribuent déjà aux objectifs mondiaux ?',
            es: '¿Qué medidas de las políticas y planes existentes ya contribuyen a los objetivos globales?',
          },
          {
            en: 'Which actions would tackle the targets your city assessed as critical?',
            fr: 'Quelles actions permettraient de traiter les cibles que votre ville a jugées critiques ?',
            es: '¿Qué acciones abordarían las metas que su ciudad evaluó como críticas?',
          },
        ],
      },
      {
        key: 'prioritise_measures',
        // en quoted: the two questions of the step's introduction (page "Prioritise Measures"); placed
        // in phase II after its description ("prioritise clear options for action").
        name: { fr: 'Hiérarchiser les mesures', en: 'Prioritise measures', es: 'Priorizar medidas' },
        questions: [
          {
            en: 'Which of these actions has the greatest impact?',
            fr: 'Laquelle de ces actions a le plus d’impact ?',
            es: '¿Cuál de estas acciones tiene mayor impacto?',
          },
          {
            en: 'Which are most feasible and coherent in regard to existing strategies and resources?',
            fr: 'Lesquelles sont les plus réalisables et les plus cohérentes avec les stratégies et les ressources existantes ?',
            es: '¿Cuáles son más factibles y coherentes con las estrategias y los recursos existentes?',
          },
        ],
      },
    ],
  },
  {
    key: 'implement',
    number: 'III',
    name: { fr: 'Mettre en œuvre les programmes mondiaux', en: 'Implement global agendas', es: 'Implementar las agendas globales' },
    steps: [
      {
        key: 'plan_for_action',
        // en quoted (step page "Plan for Action", its three guiding questions).
        name: { fr: 'Planifier l’action', en: 'Plan for action', es: 'Planificar la acción' },
        questions: [
          {
            en: 'What does your city want to achieve and how can you best get there?',
            fr: 'Que veut accomplir votre ville, et quel est le meilleur chemin pour y parvenir ?',
            es: '¿Qué quiere lograr su ciudad y cuál es la mejor manera de conseguirlo?',
          },
          {
            en: 'Are there conflicts to be avoided and synergies to be explored among projects?',
            fr: 'Y a-t-il entre les projets des conflits à éviter et des synergies à explorer ?',
            es: '¿Hay conflictos que evitar y sinergias que explorar entre los proyectos?',
          },
          {
            en: 'How can your city integrate identified measures in policies and plans, i.e. is there a need to develop new plans and legislation or are there possibilities to align them with current plans?',
            fr: 'Comment votre ville peut-elle intégrer les mesures retenues dans ses politiques et ses plans : faut-il de nouveaux plans et de nouveaux textes, ou peut-on les aligner sur les plans en vigueur ?',
            es: '¿Cómo puede su ciudad integrar las medidas identificadas en sus políticas y planes: hay que elaborar nuevos planes y normas, o se pueden alinear con los planes vigentes?',
          },
        ],
      },
      {
        key: 'keep_track_of_progress',
        // en quoted (step page "Keep Track of Progress", its four guiding questions). This is the
        // monitoring the quarterly report links to.
        name: { fr: 'Suivre les progrès', en: 'Keep track of progress', es: 'Hacer seguimiento de los avances' },
        questions: [
          {
            en: 'How can your city keep track of progress and measure its contributions to global agendas?',
            fr: 'Comment votre ville peut-elle suivre ses progrès et mesurer sa contribution aux programmes mondiaux ?',
            es: '¿Cómo puede su ciudad seguir sus avances y medir su contribución a las agendas globales?',
          },
          {
            en: 'How can your city connect local-level indicators to national and global indicators?',
            fr: 'Comment votre ville peut-elle relier ses indicateurs locaux aux indicateurs nationaux et mondiaux ?',
            es: '¿Cómo puede su ciudad vincular sus indicadores locales con los indicadores nacionales y globales?',
          },
          {
            en: 'What kind of data is really useful for monitoring and reporting progress in regard to global agendas?',
            fr: 'Quelles données sont vraiment utiles pour suivre les progrès au regard des programmes mondiaux et en rendre compte ?',
            es: '¿Qué datos son realmente útiles para seguir los avances con respecto a las agendas globales e informar sobre ellos?',
          },
          {
            en: 'What are good practices for setting up local review mechanisms?',
            fr: 'Quelles sont les bonnes pratiques pour mettre en place des mécanismes d’examen locaux ?',
            es: '¿Cuáles son las buenas prácticas para establecer mecanismos locales de revisión?',
          },
        ],
      },
    ],
  },
] as const satisfies readonly PhaseContent[]

export type PhaseKey = (typeof PHASES)[number]['key']
export type StepKey = (typeof PHASES)[number]['steps'][number]['key']
export const STEP_KEYS: readonly StepKey[] = PHASES.flatMap((p) => p.steps.map((s) => s.key))

/** The support activities that accompany every phase; names ours, after the seed's French list. */
export const SUPPORT_ACTIVITIES = [
  { key: 'stakeholders', name: { fr: 'Parties prenantes', en: 'Stakeholders', es: 'Actores' } },
  { key: 'advocacy_communication', name: { fr: 'Plaidoyer et communication', en: 'Advocacy and communication', es: 'Incidencia y comunicación' } },
  { key: 'capacity_development', name: { fr: 'Développement des capacités', en: 'Capacity development', es: 'Desarrollo de capacidades' } },
  {
    key: 'peer_learning',
    name: { fr: 'Apprentissage par les pairs et mise en réseau', en: 'Peer learning and networking', es: 'Aprendizaje entre pares y trabajo en red' },
  },
  {
    key: 'knowledge_innovation',
    name: { fr: 'Gestion des connaissances et innovation', en: 'Knowledge management and innovation', es: 'Gestión del conocimiento e innovación' },
  },
] as const satisfies readonly { key: string; name: Localised }[]
export type SupportKey = (typeof SUPPORT_ACTIVITIES)[number]['key']
export const SUPPORT_KEYS: readonly SupportKey[] = SUPPORT_ACTIVITIES.map((a) => a.key)

/** Steps may be taken in any order; the toolkit still advises starting with phase I (fr: the seed; en: the toolkit; es: ours). */
export const ADVICE: Localised = {
  fr: 'Il est néanmoins conseillé de commencer par la phase préparatoire.',
  en: 'Still, starting with the preparatory phase is advisable.',
  es: 'No obstante, se recomienda empezar por la fase preparatoria.',
}

export const phaseOf = (step: StepKey): PhaseKey => PHASES.find((p) => p.steps.some((s) => s.key === step))!.key

/** A step under way or done in phase II or III while phase I has not started: the advice shows. */
export function adviceApplies(statuses: ReadonlyMap<StepKey, StepStatus>): boolean {
  const status = (key: StepKey) => statuses.get(key) ?? 'not_started'
  const [prepare, ...later] = PHASES
  const preparing = prepare.steps.some((s) => status(s.key) !== 'not_started')
  const laterStarted = later.some((p) => p.steps.some((s) => status(s.key) === 'in_progress' || status(s.key) === 'done'))
  return laterStarted && !preparing
}

export type StepDates = { startedOn: string | null; doneOn: string | null }

/**
 * The dates a status change sets: starting sets the start day, finishing the end day (and the
 * start, if it had none), going back to "not started" clears both. Days given explicitly win.
 */
export function nextDates(before: { status: StepStatus } & StepDates, status: StepStatus, given: Partial<StepDates>, today: string): StepDates {
  let { startedOn, doneOn } = before
  if (status !== before.status) {
    if (status === 'not_started') [startedOn, doneOn] = [null, null]
    if (status === 'in_progress') [startedOn, doneOn] = [startedOn ?? today, null]
    if (status === 'done') [startedOn, doneOn] = [startedOn ?? today, doneOn ?? today]
  }
  return { startedOn: given.startedOn !== undefined ? given.startedOn : startedOn, doneOn: given.doneOn !== undefined ? given.doneOn : doneOn }
}

/** Steps done and under way, overall and phase by phase, for the dashboard and the quarterly report. */
export type LocalisationProgress = {
  done: number
  inProgress: number
  total: number
  phases: { key: PhaseKey; done: number; inProgress: number; total: number }[]
}

export function localisationProgress(statuses: ReadonlyMap<StepKey, StepStatus>): LocalisationProgress {
  const count = (keys: readonly StepKey[], status: StepStatus) => keys.filter((k) => statuses.get(k) === status).length
  const phases = PHASES.map((p) => {
    const keys = p.steps.map((s) => s.key)
    return { key: p.key, done: count(keys, 'done'), inProgress: count(keys, 'in_progress'), total: keys.length }
  })
  return {
    done: phases.reduce((n, p) => n + p.done, 0),
    inProgress: phases.reduce((n, p) => n + p.inProgress, 0),
    total: STEP_KEYS.length,
    phases,
  }
}
