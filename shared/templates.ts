/**
 * Document kinds and their templates. Section headings quote the wording of the network
 * methods (../shared/seeds); each has an English equivalent.
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
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const LOCALES = ['fr', 'en'] as const
export type TemplateLocale = (typeof LOCALES)[number]

type Text = Record<TemplateLocale, string>
export type Template = { kind: DocumentKind; title: Text; description: Text; sections: Text[] }

const s = (fr: string, en: string): Text => ({ fr, en })

export const TEMPLATES: Record<DocumentKind, Template> = {
  problem_statement: {
    kind: 'problem_statement',
    title: s('Fiche de la Problématique prioritaire', 'Priority problem statement'),
    description: s(
      'Du contexte local à la problématique prioritaire retenue par le réseau.',
      'From the local context to the priority problem chosen by the network.',
    ),
    sections: [
      s('Mise en contexte (situation et thématique)', 'Context (situation and theme)'),
      s('Première problématisation des besoins', 'First framing of the needs'),
      s('Partenaires institutionnels et tentatives précédentes', 'Institutional partners and previous attempts'),
      s('Bonnes pratiques identifiées', 'Good practices identified'),
      s('Problématiques communes proposées', 'Proposed common problems'),
      s('Problématique prioritaire retenue', 'Priority problem chosen'),
    ],
  },
  action_plan: {
    kind: 'action_plan',
    title: s("Plan d'action", 'Action plan'),
    description: s(
      "Modulaire et flexible : une V1 avant l'expérimentation, une V2 d'après ses résultats.",
      'Modular and flexible: a V1 before experimentation, a V2 grounded in its results.',
    ),
    sections: [
      s('Exposé du problème', 'Problem statement'),
      s('Analyse du contexte local', 'Analysis of the local context'),
      s('Engagement des parties prenantes (équipe locale et groupe d’action local)', 'Stakeholder engagement (local team and local action group)'),
      s('Conception de la solution', 'Solution design'),
      s('Expérimentation : hypothèses et cycles', 'Experimentation: hypotheses and cycles'),
      s('Vision pour l’avenir', 'Vision for the future'),
      s('Suivi et reporting (coordination avec l’organisme de financement)', 'Monitoring and reporting (coordination with the funder)'),
      s('Enseignements tirés', 'Lessons learned'),
    ],
  },
  workshop_report: {
    kind: 'workshop_report',
    title: s("Rapport d'atelier", 'Workshop report'),
    description: s(
      "Le déroulé de l'Atelier international et le rapport sur l'ébauche initiale du projet pilote.",
      'How the international workshop went, and the report on the initial pilot-project draft.',
    ),
    sections: [
      s('Jour 1 — Accueil et bienvenue, mise en contexte', 'Day 1 — Welcome and context'),
      s('Jour 1 — Visite locale et première problématisation des besoins', 'Day 1 — Local site visit and first framing of needs'),
      s('Jour 2 — Identification des bonnes pratiques', 'Day 2 — Identifying good practices'),
      s('Jour 2 — Problématiques communes et problématique prioritaire', 'Day 2 — Common problems and the priority problem'),
      s("Jour 3 — Ébauche initiale d'un projet pilote", 'Day 3 — Initial draft of a pilot project'),
      s('Livrables et prochaines étapes', 'Deliverables and next steps'),
    ],
  },
  thematic_sheet: {
    kind: 'thematic_sheet',
    title: s('Fiche thématique', 'Thematic sheet'),
    description: s('La thématique prioritaire et l’état des connaissances.', 'The priority theme and the state of knowledge.'),
    sections: [
      s('Thématique prioritaire', 'Priority theme'),
      s('Situation actuelle', 'Current situation'),
      s('État des connaissances et bonnes pratiques', 'State of knowledge and good practices'),
      s('Expériences menées ou en cours', 'Past and ongoing experiences'),
      s('Enjeux pour le réseau', 'Stakes for the network'),
    ],
  },
  network_constitution: {
    kind: 'network_constitution',
    title: s('Fiche constitutive du Réseau collaboratif', 'Network constitution sheet'),
    description: s('La constitution du réseau, son fonctionnement et son Plan d’action.', 'How the network is made up, how it works, and its action plan.'),
    sections: [
      s('Thématique prioritaire', 'Priority theme'),
      s('Ville pilote', 'Pilot city'),
      s('Villes membres', 'Member cities'),
      s('Fonctionnement du Réseau collaboratif', 'How the network works'),
      s("Plan d'action du Réseau", 'Network action plan'),
      s('Actions à prioriser et mesures de suivi', 'Priority actions and monitoring'),
    ],
  },
  pilot_project: {
    kind: 'pilot_project',
    title: s('Gabarit de projet pilote', 'Pilot project template'),
    description: s('Les éléments et critères d’un projet pilote.', 'The elements and criteria of a pilot project.'),
    sections: [
      s('Problématique prioritaire', 'Priority problem'),
      s('Objectifs et résultats escomptés', 'Objectives and expected results'),
      s('Acteurs et ressources à mobiliser', 'Stakeholders and resources to mobilise'),
      s('Étapes et calendrier', 'Steps and timeline'),
      s('Mécanismes de suivi et d’examen', 'Monitoring and review'),
    ],
  },
  baseline_study: {
    kind: 'baseline_study',
    title: s('Étude de contexte / base de référence', 'Baseline study'),
    description: s('Une analyse approfondie du contexte local.', 'A thorough analysis of the local context.'),
    sections: [
      s('Contexte local', 'Local context'),
      s('Partenaires institutionnels', 'Institutional partners'),
      s('Précédentes tentatives au niveau local', 'Previous local attempts'),
      s('Besoins et objectifs', 'Needs and objectives'),
      s('Points d’entrée pour la mise en œuvre', 'Entry points for implementation'),
    ],
  },
  experimentation_log: {
    kind: 'experimentation_log',
    title: s("Journal d'expérimentation", 'Experimentation log'),
    description: s('Hypothèses, cycle, résultats et enseignements.', 'Hypotheses, cycle, results and lessons.'),
    sections: [
      s('Hypothèses', 'Hypotheses'),
      s("Cycle d'expérimentation", 'Experimentation cycle'),
      s('Résultats', 'Results'),
      s('Enseignements', 'Lessons'),
    ],
  },
  strategic_plan: {
    kind: 'strategic_plan',
    title: s('Plan stratégique', 'Strategic plan'),
    description: s('Les priorités stratégiques, en cinq axes.', 'The strategic priorities, in five axes.'),
    sections: [
      s('Direction et gouvernance', 'Leadership and governance'),
      s('Représentation', 'Representation'),
      s('Intelligence', 'Intelligence'),
      s('Coopération', 'Cooperation'),
      s('Organisation', 'Organisation'),
    ],
  },
}

/** A ProseMirror (Tiptap) document: the title, then each section heading over an empty paragraph. */
export type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string }

export function templateContent(kind: DocumentKind, locale: TemplateLocale, title: string): PmNode {
  const heading = (level: number, text: string): PmNode => ({
    type: 'heading',
    attrs: { level },
    content: [{ type: 'text', text }],
  })
  return {
    type: 'doc',
    content: [
      heading(1, title),
      ...TEMPLATES[kind].sections.flatMap((section) => [heading(2, section[locale]), { type: 'paragraph' }]),
    ],
  }
}
