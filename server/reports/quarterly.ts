import type { AppDeps } from '../context'
import { cyclesEndedIn, type EndedCycle } from '../data/cycles'
import { quarterSteps, type QuarterStep } from '../data/dashboard'
import { formatDate } from '../export/cover'
import type { Cover } from '../export/cover'
import { contentDisposition } from '../export/filename'
import { FORMATS } from '../export/formats'
import type { ExportFile } from '../export/export-document'
import { networkDashboard } from './dashboard'
import type { DashboardDocument, NetworkDashboard } from '../../shared/api'
import type { PmNode } from '../../shared/content'
import type { ExportFormat } from '../../shared/schemas'
import { TEMPLATES, type TemplateLocale } from '../../shared/templates'
import { PHASES, type LocalisationProgress } from '../../shared/localisation'

/**
 * The quarterly report the funder asks for: the dashboard as it is today, then what was
 * submitted, returned and validated in the quarter. Built as a document (cover and content) and
 * rendered by the export's own DOCX, PDF and Markdown writers, on the document thread.
 */

export type Quarter = { label: string; from: Date; to: Date }

/** "2026-Q4" → 1 October 2026 (included) to 1 January 2027 (excluded), UTC. */
export function parseQuarter(text: string): Quarter {
  const [year, q] = text.split('-Q').map(Number) as [number, number]
  return { label: text, from: new Date(Date.UTC(year, (q - 1) * 3, 1)), to: new Date(Date.UTC(year, q * 3, 1)) }
}

export async function quarterlyReport(
  deps: Pick<AppDeps, 'db' | 'documents'>,
  networkId: string,
  quarter: Quarter,
  format: ExportFormat,
  locale: TemplateLocale,
  now = new Date(),
): Promise<ExportFile> {
  const isoDay = (d: Date) => d.toISOString().slice(0, 10)
  const [dashboard, steps, cycles] = await Promise.all([
    networkDashboard(deps.db, networkId),
    quarterSteps(deps.db, networkId, quarter.from, quarter.to),
    cyclesEndedIn(deps.db, networkId, isoDay(quarter.from), isoDay(quarter.to)),
  ])
  const l = LABELS[locale]
  const title = `${l.title} — ${quarterName(quarter, locale)}`
  const cover: Cover = {
    title,
    colon: l.colon,
    facts: [
      { label: l.network, value: dashboard.network.name },
      { label: l.period, value: `${formatDate(quarter.from, locale)} – ${formatDate(new Date(quarter.to.getTime() - 1), locale)}` },
      { label: l.generatedAt, value: formatDate(now, locale) },
    ],
  }
  const content = reportContent(dashboard, steps, cycles, locale)
  const { contentType, extension } = FORMATS[format]
  const body = await deps.documents.task({ kind: 'render', format, cover, content })
  const name = { title: `${l.title} ${dashboard.network.name}`, version: quarterName(quarter, locale), date: now, extension }
  return { body: body as Uint8Array<ArrayBuffer>, contentType, disposition: contentDisposition(name) }
}

const text = (t: string): PmNode => ({ type: 'text', text: t })
const paragraph = (t: string): PmNode => (t ? { type: 'paragraph', content: [text(t)] } : { type: 'paragraph' })
const heading = (level: number, t: string): PmNode => ({ type: 'heading', attrs: { level }, content: [text(t)] })
const cell = (type: 'tableHeader' | 'tableCell', t: string): PmNode => ({ type, content: [paragraph(t)] })
const row = (type: 'tableHeader' | 'tableCell', cells: string[]): PmNode => ({ type: 'tableRow', content: cells.map((c) => cell(type, c)) })
const bullets = (items: string[]): PmNode => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [paragraph(i)] })) })

function reportContent(dashboard: NetworkDashboard, steps: QuarterStep[], cycles: EndedCycle[], locale: TemplateLocale): PmNode {
  const l = LABELS[locale]
  const stageOf = (d: DashboardDocument | null) => (d ? `${l.stages[d.stage]}${d.overdue ? ` (${l.overdue})` : ''}` : l.noPlan)
  const versionOf = (d: DashboardDocument | null) => {
    if (!d || d.lastNumber === null) return '—'
    return [`V${d.lastNumber}`, d.validatedNumber !== null ? `${l.validatedShort} V${d.validatedNumber}` : ''].filter(Boolean).join(' · ')
  }
  const day = (iso: string | null) => (iso ? formatDate(new Date(`${iso}T00:00:00Z`), locale) : '—')
  const cities: PmNode = {
    type: 'table',
    content: [
      row('tableHeader', [l.city, l.plan, l.stage, l.version, l.due, l.openComments, l.onboarding]),
      ...dashboard.cities.map((c) =>
        row('tableCell', [
          c.membership.city.name,
          c.plan?.title ?? '—',
          stageOf(c.plan),
          versionOf(c.plan),
          day(c.plan?.dueOn ?? null),
          String(c.openComments),
          `${c.onboarding.objectivesMet}/6${c.onboarding.paperworkLate ? ` (${l.paperworkLate})` : ''}`,
        ]),
      ),
    ],
  }
  const network: PmNode = {
    type: 'table',
    content: [
      row('tableHeader', [l.document, l.kind, l.stage, l.version, l.due]),
      ...dashboard.documents.map((d) => row('tableCell', [d.title, TEMPLATES[d.kind].title[locale], stageOf(d), versionOf(d), day(d.dueOn)])),
    ],
  }
  const events = steps.map((s) => {
    const where = s.cityName ? `${s.cityName} — ` : ''
    const by = s.byName ? ` (${s.byName})` : ''
    return `${formatDate(new Date(s.at), locale)} — ${where}${s.documentTitle}${l.colon}V${s.number} ${l.steps[s.step]}${by}`
  })
  const ended = cycles.map((c) => {
    const where = c.cityName ? `${c.cityName} — ` : ''
    const learnt = [c.results && `${l.results}${l.colon}${c.results}`, c.lessons && `${l.lessons}${l.colon}${c.lessons}`].filter(Boolean).join(' ')
    return `${where}${c.logTitle}${l.colon}${day(c.startsOn)} – ${day(c.endsOn)}.${learnt ? ` ${learnt}` : ''}`
  })
  return {
    type: 'doc',
    content: [
      heading(1, l.citiesTitle),
      dashboard.cities.length > 0 ? cities : paragraph(l.noCities),
      heading(1, l.quarterTitle),
      events.length > 0 ? bullets(events) : paragraph(l.nothing),
      heading(2, l.cyclesTitle),
      ended.length > 0 ? bullets(ended) : paragraph(l.noCycles),
      heading(1, l.localisationTitle),
      paragraph(l.localisationIntro),
      dashboard.cities.length > 0
        ? bullets(dashboard.cities.map((c) => `${c.membership.city.name}${l.colon}${localisationLine(c.localisation, locale)}`))
        : paragraph(l.noCities),
      heading(1, l.networkTitle),
      dashboard.documents.length > 0 ? network : paragraph(l.noNetworkDocuments),
    ],
  }
}

/** "2/8 steps done, 1 in progress — Phase I: 2/2 done · Phase II: 0/4 done, 1 in progress · Phase III: 0/2 done" */
function localisationLine(p: LocalisationProgress, locale: TemplateLocale): string {
  const l = LABELS[locale]
  const count = (done: number, total: number, inProgress: number) => `${l.stepsDone(done, total)}${inProgress > 0 ? `, ${l.stepsInProgress(inProgress)}` : ''}`
  const phases = p.phases.map((ph, i) => `${l.phase} ${PHASES[i]!.number}${l.colon}${count(ph.done, ph.total, ph.inProgress)}`)
  return `${count(p.done, p.total, p.inProgress)} — ${phases.join(' · ')}`
}

const quarterName = (q: Quarter, locale: TemplateLocale) => q.label.replace('-Q', LABELS[locale].quarterSeparator)

type Labels = {
  title: string
  quarterSeparator: string
  network: string
  period: string
  generatedAt: string
  colon: string
  citiesTitle: string
  quarterTitle: string
  networkTitle: string
  city: string
  plan: string
  stage: string
  version: string
  due: string
  openComments: string
  document: string
  kind: string
  noPlan: string
  overdue: string
  validatedShort: string
  noCities: string
  nothing: string
  noNetworkDocuments: string
  onboarding: string
  paperworkLate: string
  cyclesTitle: string
  noCycles: string
  results: string
  lessons: string
  stages: Record<DashboardDocument['stage'], string>
  steps: Record<QuarterStep['step'], string>
  localisationTitle: string
  localisationIntro: string
  phase: string
  stepsDone: (done: number, total: number) => string
  stepsInProgress: (n: number) => string
}

const LABELS: Record<TemplateLocale, Labels> = {
  fr: {
    title: 'Rapport trimestriel',
    quarterSeparator: '-T',
    network: 'Réseau',
    period: 'Période',
    generatedAt: 'Établi le',
    colon: '\u00a0: ',
    citiesTitle: 'Où en sont les villes ?',
    quarterTitle: 'Ce trimestre',
    networkTitle: 'Documents du réseau',
    city: 'Ville',
    plan: 'Plan d’action',
    stage: 'Étape',
    version: 'Version',
    due: 'Échéance',
    openComments: 'Commentaires ouverts',
    document: 'Document',
    kind: 'Type',
    noPlan: 'pas encore de plan d’action',
    overdue: 'en retard',
    validatedShort: 'validée',
    noCities: 'Aucune ville dans le réseau.',
    nothing: 'Rien n’a été soumis, renvoyé ni validé ce trimestre.',
    noNetworkDocuments: 'Le réseau n’a pas de document à soumettre.',
    onboarding: 'Intégration',
    paperworkLate: 'formalités en retard',
    cyclesTitle: 'Cycles d’expérimentation achevés',
    noCycles: 'Aucun cycle d’expérimentation ne s’est achevé ce trimestre.',
    results: 'Résultats',
    lessons: 'Enseignements',
    stages: { draft: 'brouillon', submitted: 'soumis', returned: 'renvoyé avec remarques', validated: 'validé' },
    steps: { submitted: 'soumise', returned: 'renvoyée avec remarques', validated: 'validée' },
    localisationTitle: 'City WORKS\u00a0: localisation des programmes mondiaux',
    localisationIntro:
      'Où en est chaque ville dans les huit étapes de City WORKS, phase par phase. Le suivi des progrès (phase III) s’appuie sur ce rapport trimestriel.',
    phase: 'Phase',
    stepsDone: (done, total) => `${done}/${total} étapes terminées`,
    stepsInProgress: (n) => `${n} en cours`,
  },
  en: {
    title: 'Quarterly report',
    quarterSeparator: '-Q',
    network: 'Network',
    period: 'Period',
    generatedAt: 'Prepared on',
    colon: ': ',
    citiesTitle: 'Where do the cities stand?',
    quarterTitle: 'This quarter',
    networkTitle: 'Network documents',
    city: 'City',
    plan: 'Action plan',
    stage: 'Stage',
    version: 'Version',
    due: 'Due',
    openComments: 'Open comments',
    document: 'Document',
    kind: 'Type',
    noPlan: 'no action plan yet',
    overdue: 'overdue',
    validatedShort: 'validated',
    noCities: 'No city in the network.',
    nothing: 'Nothing was submitted, returned or validated this quarter.',
    noNetworkDocuments: 'The network has no document to submit.',
    onboarding: 'Onboarding',
    paperworkLate: 'paperwork late',
    cyclesTitle: 'Experimentation cycles completed',
    noCycles: 'No experimentation cycle ended this quarter.',
    results: 'Results',
    lessons: 'Lessons',
    stages: { draft: 'draft', submitted: 'submitted', returned: 'returned with remarks', validated: 'validated' },
    steps: { submitted: 'submitted', returned: 'returned with remarks', validated: 'validated' },
    localisationTitle: 'City WORKS: localising global agendas',
    localisationIntro:
      'Where each city stands in the eight steps of City WORKS, phase by phase. Keeping track of progress (phase III) relies on this quarterly report.',
    phase: 'Phase',
    stepsDone: (done, total) => `${done}/${total} steps done`,
    stepsInProgress: (n) => `${n} in progress`,
  },
  es: {
    title: 'Informe trimestral',
    quarterSeparator: '-T',
    network: 'Red',
    period: 'Período',
    generatedAt: 'Elaborado el',
    colon: ': ',
    citiesTitle: '¿En qué punto están las ciudades?',
    quarterTitle: 'Este trimestre',
    networkTitle: 'Documentos de la red',
    city: 'Ciudad',
    plan: 'Plan de acción',
    stage: 'Etapa',
    version: 'Versión',
    due: 'Plazo',
    openComments: 'Comentarios abiertos',
    document: 'Documento',
    kind: 'Tipo',
    noPlan: 'aún sin plan de acción',
    overdue: 'con retraso',
    validatedShort: 'validada',
    noCities: 'No hay ciudades en la red.',
    nothing: 'Nada se envió, devolvió ni validó este trimestre.',
    noNetworkDocuments: 'La red no tiene documentos que enviar.',
    onboarding: 'Integración',
    paperworkLate: 'trámites con retraso',
    cyclesTitle: 'Ciclos de experimentación concluidos',
    noCycles: 'Ningún ciclo de experimentación concluyó este trimestre.',
    results: 'Resultados',
    lessons: 'Aprendizajes',
    stages: { draft: 'borrador', submitted: 'enviado', returned: 'devuelto con observaciones', validated: 'validado' },
    steps: { submitted: 'enviada', returned: 'devuelta con observaciones', validated: 'validada' },
    localisationTitle: 'City WORKS: localización de las agendas globales',
    localisationIntro:
      'En qué punto está cada ciudad en los ocho pasos de City WORKS, fase por fase. El seguimiento de los avances (fase III) se apoya en este informe trimestral.',
    phase: 'Fase',
    stepsDone: (done, total) => `${done}/${total} pasos concluidos`,
    stepsInProgress: (n) => `${n} en curso`,
  },
}
