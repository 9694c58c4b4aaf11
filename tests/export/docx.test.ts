import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { renderDocx } from '../../server/export/docx'
import { COVER, EXPERT, MEMBER, SAMPLE, SUGGESTED } from './sample'

/** The file is opened back as Word would: unzip, then read its XML parts. */
async function open(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes)
  const part = async (name: string) => {
    const file = zip.file(name)
    if (!file) throw new Error(`${name} is missing`)
    return file.async('string')
  }
  return { document: await part('word/document.xml'), rels: await part('word/_rels/document.xml.rels'), numbering: await part('word/numbering.xml') }
}

/** The paragraphs of document.xml: style, numbering and words of each. */
function paragraphs(xml: string) {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const body = m[1] ?? m[2] ?? ''
    return {
      style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? null,
      numId: /<w:numId w:val="([^"]+)"/.exec(body)?.[1] ?? null,
      level: /<w:ilvl w:val="([^"]+)"/.exec(body)?.[1] ?? null,
      text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      xml: body,
    }
  })
}

describe('DOCX export', () => {
  it('opens, with the cover facts first and a page break before the document', async () => {
    const { document } = await open(await renderDocx(COVER, SAMPLE))
    const ps = paragraphs(document)
    expect(ps[0]).toMatchObject({ style: 'Title', text: 'Plan d’action — Dakar' })
    expect(ps.map((p) => p.text)).toEqual(
      expect.arrayContaining([
        'Réseau\u00a0: Réseau collaboratif des villes',
        'Ville\u00a0: Dakar',
        'Version\u00a0: version en cours',
        'Contributeurs\u00a0: Awa Ndiaye (Dakar)',
      ]),
    )
    const pageBreak = ps.findIndex((p) => p.xml.includes('<w:br w:type="page"/>'))
    const firstHeading = ps.findIndex((p) => p.style === 'Heading1')
    expect(pageBreak).toBeGreaterThan(0)
    expect(firstHeading).toBeGreaterThan(pageBreak)
  })

  it('shows pending suggestions as Word’s tracked changes by their suggesters, and turns tracking on', async () => {
    const bytes = await renderDocx(COVER, SUGGESTED, { [EXPERT]: 'Eva Expert', [MEMBER]: 'Max Member' })
    const { document } = await open(bytes)
    const ins = [...document.matchAll(/<w:ins ([^>]*)>(.*?)<\/w:ins>/gs)].map((m) => ({
      attrs: m[1]!,
      text: [...m[2]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    }))
    const del = [...document.matchAll(/<w:del ([^>]*)>(.*?)<\/w:del>/gs)].map((m) => ({
      attrs: m[1]!,
      text: [...m[2]!.matchAll(/<w:delText(?: [^>]*)?>([^<]*)<\/w:delText>/g)].map((t) => t[1]).join(''),
    }))
    expect(ins.map((i) => i.text)).toEqual(['couvert ', 'deux cents'])
    expect(del.map((d) => d.text)).toEqual(['très ', 'cent'])
    expect(ins[0]!.attrs).toContain('w:author="Eva Expert"')
    expect(ins[0]!.attrs).toContain('w:date="2026-03-02T09:30:00.000Z"')
    expect(del[0]!.attrs).toContain('w:author="Max Member"')
    // Every tracked change has its own id.
    const changeIds = [...ins, ...del].map((c) => /w:id="(\d+)"/.exec(c.attrs)![1])
    expect(new Set(changeIds).size).toBe(4)
    expect(document).not.toContain('\u200B')
    const zip = await JSZip.loadAsync(bytes)
    expect(await zip.file('word/settings.xml')!.async('string')).toMatch(/<w:trackRevisions(?: w:val="true")?\/>/)
    // A document without suggestions is not tracked.
    const plainZip = await JSZip.loadAsync(await renderDocx(COVER, SAMPLE))
    expect(await plainZip.file('word/settings.xml')!.async('string')).not.toMatch(/<w:trackRevisions(?: w:val="true")?\/>/)
  })

  it('gives headings Word’s heading styles with their words', async () => {
    const ps = paragraphs((await open(await renderDocx(COVER, SAMPLE))).document)
    expect(ps.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['Plan d’action — Dakar'])
    expect(ps.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['Analyse du contexte local'])
  })

  it('writes bold, italic, underline and strike as run properties, and the link as an external hyperlink', async () => {
    const { document, rels } = await open(await renderDocx(COVER, SAMPLE))
    const run = (word: string) => [...document.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => m[1]!).find((r) => r.includes(`>${word}</w:t>`))!
    expect(run('gras')).toContain('<w:b/>')
    expect(run('italique')).toContain('<w:i/>')
    expect(run('souligné')).toMatch(/<w:u w:val="single"\/>/)
    expect(run('barré')).toContain('<w:strike/>')
    expect(run('Texte ')).not.toContain('<w:b/>')
    const hyperlink = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>(.*?)<\/w:hyperlink>/s.exec(document)!
    expect(hyperlink[2]).toContain('>un lien</w:t>')
    const rel = new RegExp(`<Relationship [^>]*Id="${hyperlink[1]}"[^>]*/>`).exec(rels)![0]
    expect(rel).toContain('Target="https://ville.example.org/plan"')
    expect(rel).toContain('TargetMode="External"')
  })

  it('numbers lists with Word numbering: bullets nest a level deeper, an ordered list counts from its start', async () => {
    const { document, numbering } = await open(await renderDocx(COVER, SAMPLE))
    const ps = paragraphs(document)
    const first = ps.find((p) => p.text === 'Première puce')!
    const nested = ps.find((p) => p.text === 'Sous-puce')!
    expect(first.numId).not.toBeNull()
    expect([first.level, nested.level]).toEqual(['0', '1'])
    expect(nested.numId).toBe(first.numId)
    const three = ps.find((p) => p.text === 'Étape trois')!
    expect(three.numId).not.toBeNull()
    expect(three.numId).not.toBe(first.numId)
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>')
    expect(numbering).toMatch(/<w:lvl w:ilvl="0"[^>]*><w:start w:val="3"\/><w:numFmt w:val="decimal"\/>/)
    expect(ps.map((p) => p.text)).toEqual(expect.arrayContaining(['☑ Fait', '☐ À faire']))
  })

  it('writes the table as a Word table with a repeated header row and every cell’s words', async () => {
    const { document } = await open(await renderDocx(COVER, SAMPLE))
    const table = /<w:tbl>(.*?)<\/w:tbl>/s.exec(document)![1]!
    const rows = [...table.matchAll(/<w:tr>(.*?)<\/w:tr>/gs)].map((r) => r[1]!)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('<w:tblHeader/>')
    const cells = (row: string) =>
      [...row.matchAll(/<w:tc>(.*?)<\/w:tc>/gs)].map((c) =>
        paragraphs(c[1]!)
          .map((p) => p.text)
          .join(''),
      )
    expect(cells(rows[0]!)).toEqual(['Action', 'Échéance'])
    expect(cells(rows[1]!)).toEqual(['Diagnostic', 'Mars 2027'])
    expect(rows[0]).toContain('<w:b/>')
  })
})
