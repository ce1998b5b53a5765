/**
 * Letters written for one another in Arabic script, as [written, read as]:
 * the one table the glossary recognizer and the translation memory share.
 */

/** Arabic: alef and hamza forms read as bare alef, ى as ي, ة as ه, Persian/Sorani ک ی as Arabic ك ي. */
export const ARABIC_LETTER_FOLDS: readonly (readonly [string, string])[] = [
  ["إ", "ا"],
  ["أ", "ا"],
  ["آ", "ا"],
  ["ٱ", "ا"],
  ["ى", "ي"],
  ["ة", "ه"],
  ["ک", "ك"],
  ["ی", "ي"],
];

/** Sorani: Arabic-keyboard ك ي ى read as ک ی, alef with hamza or madda as bare alef. */
export const SORANI_LETTER_FOLDS: readonly (readonly [string, string])[] = [
  ["ك", "ک"],
  ["ي", "ی"],
  ["ى", "ی"],
  ["إ", "ا"],
  ["أ", "ا"],
  ["آ", "ا"],
];

/** A character-by-character replacement for one of the tables above. */
export function letterFolder(table: readonly (readonly [string, string])[]): (s: string) => string {
  const map = new Map(table);
  return (s) => {
    let out = "";
    for (const ch of s) out += map.get(ch) ?? ch;
    return out;
  };
}
