import type { EditorState } from "@tiptap/pm/state";
import { type DecorationSource } from "@tiptap/pm/view";
export declare function getSuggestionDecorations(state: EditorState): DecorationSource;
