import { Extension } from '@tiptap/core'
import type { Node } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { colorFor } from '../../../../shared/collab'
import { suggestionAttrs } from '../../../../shared/suggestions'

type Options = {
  /** "Suggestion de Aminata Diallo (Dakar)": read when the text changes or names arrive. */
  describe: (authorId: string, kind: 'insertion' | 'deletion') => string
}

type DisplayMeta = { active?: string | null; refresh?: true }
type DisplayState = { active: string | null; decorations: DecorationSet }

const key = new PluginKey<DisplayState>('suggestionDisplay')

/** Says which suggestion's card is selected (its text is outlined), or that names have changed. */
export function setSuggestionDisplay(tr: Transaction, meta: DisplayMeta): Transaction {
  return tr.setMeta(key, meta)
}

/**
 * Suggested text in its author's colour (colorFor, as their caret): insertions underlined on a
 * light tint, deletions struck through. Each run says whose suggestion it is (title) and which
 * (data-suggestion-id, for the cards). The text itself keeps the body colour, for contrast.
 */
export const SuggestionDisplay = Extension.create<Options>({
  name: 'suggestionDisplay',

  addOptions() {
    return { describe: (authorId: string) => authorId }
  },

  addProseMirrorPlugins() {
    const describe = (authorId: string, kind: 'insertion' | 'deletion') => this.options.describe(authorId, kind)
    return [
      new Plugin<DisplayState>({
        key,
        state: {
          init: (_, state) => ({ active: null, decorations: decorate(state.doc, null, describe) }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(key) as DisplayMeta | undefined
            if (!meta && !tr.docChanged) return value
            const active = meta?.active !== undefined ? meta.active : value.active
            return { active, decorations: decorate(state.doc, active, describe) }
          },
        },
        props: { decorations: (state) => key.getState(state)?.decorations },
      }),
    ]
  },
})

function decorate(doc: Node, active: string | null, describe: Options['describe']): DecorationSet {
  const decorations: Decoration[] = []
  doc.descendants((node, pos) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const attrs = suggestionAttrs(mark)
      if (!attrs) continue
      const kind = mark.type.name as 'insertion' | 'deletion'
      const classes = ['suggestion', `suggestion-${kind}`]
      if (attrs.id === active) classes.push('suggestion-active')
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          class: classes.join(' '),
          style: `--author-color: ${colorFor(attrs.authorId)}`,
          title: describe(attrs.authorId, kind),
          'data-suggestion-id': attrs.id,
        }),
      )
    }
    return false
  })
  return DecorationSet.create(doc, decorations)
}
