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
  const general = (s: string) => {
    let out = "";
    for (const ch of s) out += map.get(ch) ?? ch;
    return out;
  };
  // Tables of single UTF-16 units (all of the above): a word without any of their letters is
  // returned as it is, and one with some is rewritten unit by unit.
  if (!table.every(([a, b]) => a.length === 1 && b.length === 1 && !isSurrogate(a.charCodeAt(0)))) return general;
  const to = new Map(table.map(([a, b]) => [a.charCodeAt(0), b.charCodeAt(0)]));
  return (s) => {
    let i = 0;
    while (i < s.length && !to.has(s.charCodeAt(i))) i++;
    if (i === s.length) return s;
    let out = s.slice(0, i);
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out += String.fromCharCode(to.get(c) ?? c);
    }
    return out;
  };
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
