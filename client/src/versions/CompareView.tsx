import type { ComparedBlock, ComparedSegment, Comparison, PersonCard } from '../../../shared/api'
import { PALETTE } from '../../../shared/collab'
import { useI18n } from '../i18n/useI18n'

/** How a compared block sits in the document: heading level, list bullet or number, table cell. */
function blockKind(block: ComparedBlock): { tag: 'h1' | 'h2' | 'h3' | 'p'; className: string } {
  if (block.type === 'heading') {
    const level = Math.min(3, Math.max(1, Number(block.attrs.level) || 2))
    return { tag: `h${level}` as 'h1' | 'h2' | 'h3', className: '' }
  }
  const depth = block.path.filter((t) => t === 'bulletList' || t === 'orderedList' || t === 'taskList').length
  const list = [...block.path].reverse().find((t) => t === 'bulletList' || t === 'orderedList' || t === 'taskList')
  if (list) return { tag: 'p', className: `compare-item compare-${list} compare-depth-${Math.min(depth, 4)}` }
  if (block.path.includes('table')) return { tag: 'p', className: 'compare-cell' }
  if (block.path.includes('blockquote')) return { tag: 'p', className: 'compare-quote' }
  return { tag: 'p', className: '' }
}

const authorLabel = (a: PersonCard) => (a.city ? `${a.name} · ${a.city}` : a.name)

/**
 * Two versions compared word by word, in the document's own layout: additions underlined in
 * their author's colour (named on hover and for screen readers), deletions struck through.
 */
export function CompareView({ comparison }: { comparison: Comparison }) {
  const { t } = useI18n()
  // Colours by place in this comparison, so two authors never share one.
  const colors = new Map(comparison.authors.map((a, i) => [a.id, PALETTE[i % PALETTE.length]!]))
  const changed = comparison.blocks.filter((b) => b.status !== 'same').length
  return (
    <div className="compare">
      <p className="compare-summary">
        {t('versions.compare.summary', {
          added: t('versions.compare.added', { count: comparison.counts.added }),
          removed: t('versions.compare.removed', { count: comparison.counts.removed }),
        })}
      </p>
      {comparison.authors.length > 0 && (
        <ul className="compare-authors" aria-label={t('versions.compare.authors')}>
          {comparison.authors.map((a) => (
            <li key={a.id}>
              <span className="compare-swatch" style={{ background: colors.get(a.id) }} aria-hidden="true" />
              {authorLabel(a)}
            </li>
          ))}
        </ul>
      )}
      {changed === 0 && <p className="muted">{t('versions.compare.identical')}</p>}
      <div className="compare-body editor-prose">
        {comparison.blocks.map((block, i) => {
          const { tag: Tag, className } = blockKind(block)
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a comparison's blocks and segments, computed whole each time, with no state of their own
            <Tag key={i} className={[className, `compare-block-${block.status}`].filter(Boolean).join(' ')}>
              {block.segments.map((s, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <Segment key={j} segment={s} color={s.author ? colors.get(s.author.id) : undefined} />
              ))}
            </Tag>
          )
        })}
      </div>
    </div>
  )
}

function Segment({ segment, color }: { segment: ComparedSegment; color: string | undefined }) {
  const { t } = useI18n()
  if (segment.op === 'same') return <>{segment.text}</>
  if (segment.op === 'removed') {
    return (
      <del className="compare-removed">
        <span className="visually-hidden">{t('versions.compare.removedMark')} </span>
        {segment.text}
      </del>
    )
  }
  const author = segment.author ?? null
  const label = author ? authorLabel(author) : t('versions.compare.unknownAuthor')
  return (
    <ins
      className="compare-added"
      data-author={label}
      title={t('versions.compare.addedBy', { name: label })}
      style={color ? { textDecorationColor: color, backgroundColor: `${color}22` } : undefined}
    >
      <span className="visually-hidden">{t('versions.compare.addedBy', { name: label })} </span>
      {segment.text}
    </ins>
  )
}
