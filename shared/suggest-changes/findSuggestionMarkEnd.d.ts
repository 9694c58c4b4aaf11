import { type MarkType, type ResolvedPos } from "@tiptap/pm/model";
export declare function findSuggestionMarkEnd($pos: ResolvedPos, markType: MarkType): number;
