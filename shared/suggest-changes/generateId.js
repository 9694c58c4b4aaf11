import { getSuggestionMarks } from "./utils.js";
export const suggestionIdValidate = "number|string";
export function parseSuggestionId(id) {
    const parsed = parseInt(id, 10);
    if (isNaN(parsed)) {
        return id;
    }
    return parsed;
}
/**
 * Atelier: a random id (base 36, about 100 bits): every client makes suggestions at once, so the
 * library's "highest id + 1" would collide. getRandomValues works outside secure contexts too.
 */ export function generateRandomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(13));
    return Array.from(bytes, (byte)=>(byte % 36).toString(36)).join("") + Date.now().toString(36).slice(-4);
}
export function generateNextNumberId(schema, doc) {
    const { deletion, insertion, modification } = getSuggestionMarks(schema);
    // Find the highest change id in the document so far,
    // and use that as the starting point for new changes
    let suggestionId = 0;
    doc?.descendants((node)=>{
        const mark = node.marks.find((mark)=>mark.type === insertion || mark.type === deletion || mark.type === modification);
        if (mark) {
            suggestionId = Math.max(suggestionId, mark.attrs["id"]);
            return false;
        }
        return true;
    });
    return suggestionId + 1;
}
