import { describe, expect, it } from 'vitest'
import type { PmNode } from './content'
import { DOCUMENT_KINDS, LOCALES, TEMPLATES, templateContent } from './templates'

const headings = (doc: PmNode) => (doc.content ?? []).filter((n) => n.type === 'heading').map((n) => n.content?.[0]?.text)

describe('document templates', () => {
  it('offers French first, then English and Spanish', () => {
    expect(LOCALES).toEqual(['fr', 'en', 'es'])
  })

  it.each(DOCUMENT_KINDS)('%s has a title, a description and section headings in every language', (kind) => {
    const template = TEMPLATES[kind]
    expect(template.kind).toBe(kind)
    expect(template.sections.length).toBeGreaterThan(0)
    for (const text of [template.title, template.description, ...template.sections]) {
      for (const locale of LOCALES) expect(text[locale].trim(), `${kind} ${locale}`).not.toBe('')
    }
  })

  it.each(DOCUMENT_KINDS)('%s is translated into Spanish, not copied from French or English', (kind) => {
    const template = TEMPLATES[kind]
    for (const text of [template.title, template.description, ...template.sections]) {
      expect(text.es, text.fr).not.toBe(text.fr)
      expect(text.es, text.en).not.toBe(text.en)
    }
  })

  it.each(LOCALES)('fills a document with the title, then every section heading in %s', (locale) => {
    for (const kind of DOCUMENT_KINDS) {
      const doc = templateContent(kind, locale, 'Titre')
      expect(headings(doc), kind).toEqual(['Titre', ...TEMPLATES[kind].sections.map((section) => section[locale])])
    }
  })

  it('writes a Spanish action plan with the wording of Spanish-speaking networks', () => {
    expect(headings(templateContent('action_plan', 'es', TEMPLATES.action_plan.title.es))).toEqual([
      'Plan de acción',
      'Declaración del problema',
      'Análisis del contexto local',
      'Participación de las partes interesadas (equipo local y grupo de acción local)',
      'Diseño de la solución',
      'Experimentación: hipótesis y ciclos',
      'Visión de futuro',
      'Seguimiento e informes (coordinación con el organismo financiador)',
      'Lecciones aprendidas',
    ])
  })
})
