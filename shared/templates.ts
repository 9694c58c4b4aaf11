import type { PmNode } from './content'
import type { TemplateLocale } from './locales'

/**
 * Document kinds and their templates. Section headings quote the wording of the network
 * methods (../shared/seeds); each has an English and a Spanish equivalent, the other working
 * languages of the city networks.
 */
export const DOCUMENT_KINDS = [
  'problem_statement',
  'action_plan',
  'workshop_report',
  'thematic_sheet',
  'network_constitution',
  'pilot_project',
  'baseline_study',
  'experimentation_log',
  'strategic_plan',
  'workshop_agenda',
  'visit_report',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/**
 * Kinds that a process makes, linked to it (a workshop's agenda, a city visit's report): the
 * new-document dialog leaves them out, as one made there would belong to nothing.
 */
export const PROCESS_KINDS: ReadonlySet<DocumentKind> = new Set(['workshop_agenda', 'visit_report'])

/**
 * The deliverables: kinds a city or the network submits to the secretariat (a baseline study or
 * an experimentation log is working material; a visit report is the secretariat's own account of
 * its visit, written with the city, so no one reviews it).
 */
export const CYCLE_KINDS: ReadonlySet<DocumentKind> = new Set([
  'action_plan',
  'problem_statement',
  'thematic_sheet',
  'network_constitution',
  'pilot_project',
  'workshop_report',
  'strategic_plan',
])

export { LOCALES, type TemplateLocale } from './locales'

type Text = Record<TemplateLocale, string>
export type Template = { kind: DocumentKind; title: Text; description: Text; sections: Text[] }

const s = (fr: string, en: string, es: string): Text => ({ fr, en, es })

export const TEMPLATES: Record<DocumentKind, Template> = {
  problem_statement: {
    kind: 'problem_statement',
    title: s('Fiche de la Problématique prioritaire', 'Priority problem statement', 'Ficha de la problemática prioritaria'),
    description: s(
      'Du contexte local à la problématique prioritaire retenue par le réseau.',
      'From the local context to the priority problem chosen by the network.',
      'Del contexto local a la problemática prioritaria elegida por la red.',
    ),
    sections: [
      s('Mise en contexte (situation et thématique)', 'Context (situation and theme)', 'Contextualización (situación y temática)'),
      s('Première problématisation des besoins', 'First framing of the needs', 'Primera problematización de las necesidades'),
      s(
        'Partenaires institutionnels et tentatives précédentes',
        'Institutional partners and previous attempts',
        'Socios institucionales e intentos anteriores',
      ),
      s('Bonnes pratiques identifiées', 'Good practices identified', 'Buenas prácticas identificadas'),
      s('Problématiques communes proposées', 'Proposed common problems', 'Problemáticas comunes propuestas'),
      s('Problématique prioritaire retenue', 'Priority problem chosen', 'Problemática prioritaria elegida'),
    ],
  },
  action_plan: {
    kind: 'action_plan',
    title: s('Plan d’action', 'Action plan', 'Plan de acción'),
    description: s(
      'Modulaire et flexible : une V1 avant l’expérimentation, une V2 d’après ses résultats.',
      'Modular and flexible: a V1 before experimentation, a V2 grounded in its results.',
      'Modular y flexible: una V1 antes de la experimentación, una V2 basada en sus resultados.',
    ),
    sections: [
      s('Exposé du problème', 'Problem statement', 'Declaración del problema'),
      s('Analyse du contexte local', 'Analysis of the local context', 'Análisis del contexto local'),
      s(
        'Engagement des parties prenantes (équipe locale et groupe d’action local)',
        'Stakeholder engagement (local team and local action group)',
        'Participación de las partes interesadas (equipo local y grupo de acción local)',
      ),
      s('Conception de la solution', 'Solution design', 'Diseño de la solución'),
      s('Expérimentation : hypothèses et cycles', 'Experimentation: hypotheses and cycles', 'Experimentación: hipótesis y ciclos'),
      s('Vision pour l’avenir', 'Vision for the future', 'Visión de futuro'),
      s(
        'Suivi et reporting (coordination avec l’organisme de financement)',
        'Monitoring and reporting (coordination with the funder)',
        'Seguimiento e informes (coordinación con el organismo financiador)',
      ),
      s('Enseignements tirés', 'Lessons learned', 'Lecciones aprendidas'),
    ],
  },
  workshop_report: {
    kind: 'workshop_report',
    title: s('Rapport d’atelier', 'Workshop report', 'Informe del taller'),
    description: s(
      'Le déroulé de l’Atelier international et le rapport sur l’ébauche initiale du projet pilote.',
      'How the international workshop went, and the report on the initial pilot-project draft.',
      'El desarrollo del Taller internacional y el informe sobre el borrador inicial del proyecto piloto.',
    ),
    sections: [
      s('Jour 1 — Accueil et bienvenue, mise en contexte', 'Day 1 — Welcome and context', 'Día 1 — Acogida y bienvenida, contextualización'),
      s(
        'Jour 1 — Visite locale et première problématisation des besoins',
        'Day 1 — Local site visit and first framing of needs',
        'Día 1 — Visita local y primera problematización de las necesidades',
      ),
      s('Jour 2 — Identification des bonnes pratiques', 'Day 2 — Identifying good practices', 'Día 2 — Identificación de buenas prácticas'),
      s(
        'Jour 2 — Problématiques communes et problématique prioritaire',
        'Day 2 — Common problems and the priority problem',
        'Día 2 — Problemáticas comunes y problemática prioritaria',
      ),
      s('Jour 3 — Ébauche initiale d’un projet pilote', 'Day 3 — Initial draft of a pilot project', 'Día 3 — Borrador inicial de un proyecto piloto'),
      s('Livrables et prochaines étapes', 'Deliverables and next steps', 'Entregables y próximos pasos'),
    ],
  },
  thematic_sheet: {
    kind: 'thematic_sheet',
    title: s('Fiche thématique', 'Thematic sheet', 'Ficha temática'),
    description: s(
      'La thématique prioritaire et l’état des connaissances.',
      'The priority theme and the state of knowledge.',
      'La temática prioritaria y el estado del conocimiento.',
    ),
    sections: [
      s('Thématique prioritaire', 'Priority theme', 'Temática prioritaria'),
      s('Situation actuelle', 'Current situation', 'Situación actual'),
      s('État des connaissances et bonnes pratiques', 'State of knowledge and good practices', 'Estado del conocimiento y buenas prácticas'),
      s('Expériences menées ou en cours', 'Past and ongoing experiences', 'Experiencias realizadas o en curso'),
      s('Enjeux pour le réseau', 'Stakes for the network', 'Retos para la red'),
    ],
  },
  network_constitution: {
    kind: 'network_constitution',
    title: s('Fiche constitutive du Réseau collaboratif', 'Network constitution sheet', 'Ficha constitutiva de la Red colaborativa'),
    description: s(
      'La constitution du réseau, son fonctionnement et son Plan d’action.',
      'How the network is made up, how it works, and its action plan.',
      'La constitución de la red, su funcionamiento y su Plan de acción.',
    ),
    sections: [
      s('Thématique prioritaire', 'Priority theme', 'Temática prioritaria'),
      s('Ville pilote', 'Pilot city', 'Ciudad piloto'),
      s('Villes membres', 'Member cities', 'Ciudades miembro'),
      s('Fonctionnement du Réseau collaboratif', 'How the network works', 'Funcionamiento de la Red colaborativa'),
      s('Plan d’action du Réseau', 'Network action plan', 'Plan de acción de la Red'),
      s('Actions à prioriser et mesures de suivi', 'Priority actions and monitoring', 'Acciones por priorizar y medidas de seguimiento'),
    ],
  },
  pilot_project: {
    kind: 'pilot_project',
    title: s('Gabarit de projet pilote', 'Pilot project template', 'Plantilla de proyecto piloto'),
    description: s(
      'Les éléments et critères d’un projet pilote.',
      'The elements and criteria of a pilot project.',
      'Los elementos y criterios de un proyecto piloto.',
    ),
    sections: [
      s('Problématique prioritaire', 'Priority problem', 'Problemática prioritaria'),
      s('Objectifs et résultats escomptés', 'Objectives and expected results', 'Objetivos y resultados esperados'),
      s('Acteurs et ressources à mobiliser', 'Stakeholders and resources to mobilise', 'Actores y recursos por movilizar'),
      s('Étapes et calendrier', 'Steps and timeline', 'Etapas y calendario'),
      s('Mécanismes de suivi et d’examen', 'Monitoring and review', 'Mecanismos de seguimiento y revisión'),
    ],
  },
  baseline_study: {
    kind: 'baseline_study',
    title: s('Étude de contexte / base de référence', 'Baseline study', 'Estudio de contexto / línea de base'),
    description: s('Une analyse approfondie du contexte local.', 'A thorough analysis of the local context.', 'Un análisis exhaustivo del contexto local.'),
    sections: [
      s('Contexte local', 'Local context', 'Contexto local'),
      s('Partenaires institutionnels', 'Institutional partners', 'Socios institucionales'),
      s('Précédentes tentatives au niveau local', 'Previous local attempts', 'Intentos anteriores a nivel local'),
      s('Besoins et objectifs', 'Needs and objectives', 'Necesidades y objetivos'),
      s('Points d’entrée pour la mise en œuvre', 'Entry points for implementation', 'Puntos de entrada para la implementación'),
    ],
  },
  experimentation_log: {
    kind: 'experimentation_log',
    title: s('Journal d’expérimentation', 'Experimentation log', 'Bitácora de experimentación'),
    description: s('Hypothèses, cycle, résultats et enseignements.', 'Hypotheses, cycle, results and lessons.', 'Hipótesis, ciclo, resultados y aprendizajes.'),
    sections: [
      s('Hypothèses', 'Hypotheses', 'Hipótesis'),
      s('Cycle d’expérimentation', 'Experimentation cycle', 'Ciclo de experimentación'),
      s('Résultats', 'Results', 'Resultados'),
      s('Enseignements', 'Lessons', 'Aprendizajes'),
    ],
  },
  workshop_agenda: {
    kind: 'workshop_agenda',
    title: s('Programme de l’atelier', 'Workshop agenda', 'Programa del taller'),
    description: s(
      'Le programme jour par jour d’un Atelier international, de deux ou trois jours.',
      'The day-by-day agenda of an international workshop, two or three days long.',
      'El programa día a día de un Taller internacional, de dos o tres días.',
    ),
    sections: [
      s(
        'Jour 1, matin — Accueil, bienvenue et mise en contexte',
        'Day 1, morning — Welcome and context',
        'Día 1, mañana — Acogida, bienvenida y contextualización',
      ),
      s(
        'Jour 1, après-midi — Visite locale et première problématisation des besoins',
        'Day 1, afternoon — Local site visit and first framing of needs',
        'Día 1, tarde — Visita local y primera problematización de las necesidades',
      ),
      s(
        'Jour 2, matin — Identification des bonnes pratiques',
        'Day 2, morning — Identifying good practices',
        'Día 2, mañana — Identificación de buenas prácticas',
      ),
      s(
        'Jour 2, après-midi — Problématiques communes et choix de la problématique prioritaire',
        'Day 2, afternoon — Common problems and choosing the priority problem',
        'Día 2, tarde — Problemáticas comunes y elección de la problemática prioritaria',
      ),
      s(
        'Jour 3, matin — Ébauche initiale d’un projet pilote',
        'Day 3, morning — Initial draft of a pilot project',
        'Día 3, mañana — Borrador inicial de un proyecto piloto',
      ),
      s('Jour 3, après-midi — Livrables et prochaines étapes', 'Day 3, afternoon — Deliverables and next steps', 'Día 3, tarde — Entregables y próximos pasos'),
    ],
  },
  visit_report: {
    kind: 'visit_report',
    title: s('Rapport de visite', 'Visit report', 'Informe de visita'),
    description: s(
      'Le compte rendu de la visite du Secrétariat dans une ville : rencontres, attentes, questions et suites.',
      'The account of the secretariat’s visit to a city: people met, expectations, questions and next steps.',
      'El informe de la visita del Secretariado a una ciudad: encuentros, expectativas, preguntas y próximos pasos.',
    ),
    sections: [
      s('Objet et déroulé de la visite', 'Purpose and programme of the visit', 'Objeto y desarrollo de la visita'),
      s(
        'Personnes rencontrées (équipe locale, maire et dirigeants, acteurs locaux)',
        'People met (local team, mayor and leaders, local stakeholders)',
        'Personas reunidas (equipo local, alcaldía y dirigentes, actores locales)',
      ),
      s(
        'Communication sur le projet (citoyens, médias, acteurs clés)',
        'Communicating the project (citizens, media, key stakeholders)',
        'Comunicación sobre el proyecto (ciudadanía, medios, actores clave)',
      ),
      s('Attentes de la ville', 'The city’s expectations', 'Expectativas de la ciudad'),
      s('Questions de la ville et réponses apportées', 'The city’s questions and the answers given', 'Preguntas de la ciudad y respuestas dadas'),
      s('Informations recueillies sur le contexte local', 'Information gathered on the local context', 'Información recogida sobre el contexto local'),
      s(
        'État des formalités (contrat, premier virement)',
        'State of the paperwork (contract, first transfer)',
        'Estado de los trámites (contrato, primera transferencia)',
      ),
      s('Prochaines étapes convenues', 'Agreed next steps', 'Próximos pasos acordados'),
    ],
  },
  strategic_plan: {
    kind: 'strategic_plan',
    title: s('Plan stratégique', 'Strategic plan', 'Plan estratégico'),
    description: s('Les priorités stratégiques, en cinq axes.', 'The strategic priorities, in five axes.', 'Las prioridades estratégicas, en cinco ejes.'),
    sections: [
      s('Direction et gouvernance', 'Leadership and governance', 'Dirección y gobernanza'),
      s('Représentation', 'Representation', 'Representación'),
      s('Intelligence', 'Intelligence', 'Inteligencia'),
      s('Coopération', 'Cooperation', 'Cooperación'),
      s('Organisation', 'Organisation', 'Organización'),
    ],
  },
}

/** A new document of the kind: the title, then each section heading over an empty paragraph. */
export function templateContent(kind: DocumentKind, locale: TemplateLocale, title: string): PmNode {
  const heading = (level: number, text: string): PmNode => ({
    type: 'heading',
    attrs: { level },
    content: [{ type: 'text', text }],
  })
  return {
    type: 'doc',
    content: [heading(1, title), ...TEMPLATES[kind].sections.flatMap((section) => [heading(2, section[locale]), { type: 'paragraph' }])],
  }
}
