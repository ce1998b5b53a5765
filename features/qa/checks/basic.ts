/** [empty] and [untranslated]. */
import { absent, at, type CheckContext, type Finding } from "./context";
import { linkStart, words } from "../text";

export function checkEmpty(ctx: CheckContext): Finding[] {
  if (ctx.target.trim() !== "" || ctx.source.trim() === "") return [];
  return [absent("empty", {}, 0, ctx.source.length)];
}

const normalize = (s: string) => s.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();

// Lowercase words that occur inside names (Bank of America, Bashar al-Assad, Ibn Khaldun).
const NAME_PARTICLES = new Set(["of", "the", "and", "for", "de", "del", "della", "da", "di", "du", "des", "la", "le", "al", "el", "ad", "ash", "bin", "ibn", "von", "van", "der", "den", "y"]);

/**
 * Whether a text has something to translate: a word that is not a name
 * (lowercase, or in a script without case, and not a particle of names).
 * Numbers, names, acronyms and URLs alone are kept as they are.
 */
export function hasTranslatableWords(text: string): boolean {
  // URLs and addresses aside, word by word (linear; see linkStart).
  let plain = "";
  for (const m of text.matchAll(/\S+/gu)) {
    const link = linkStart(m[0]);
    plain += " " + (link < 0 ? m[0] : m[0].slice(0, link));
  }
  for (const w of words(plain)) {
    const first = w.text[0]!;
    const upper = first.toUpperCase();
    if (first === upper && upper !== first.toLowerCase()) continue; // capitalized, or an acronym
    const bare = w.text.toLowerCase();
    if (NAME_PARTICLES.has(bare)) continue;
    return true;
  }
  return false;
}

export function checkUntranslated(ctx: CheckContext): Finding[] {
  const t = normalize(ctx.target);
  if (!t || t !== normalize(ctx.source)) return [];
  if (!hasTranslatableWords(ctx.source)) return [];
  const start = ctx.target.search(/\S/u);
  return [at("untranslated", {}, start, ctx.target.trimEnd().length)];
}
