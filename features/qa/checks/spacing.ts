/** [whitespace], [bidi_control], [invisible]. */
import { at, type CheckContext, type Finding } from "./context";
import { codePointLabel, scriptOf } from "../text";

const SPACE_RUN = /[ \u00A0\u202F\u2009\t]{2,}/g;
// Languages that write no space before . , : ; ! ? (French-style spacing is a mistake there).
const NO_SPACE_BEFORE_PUNCTUATION = new Set(["en", "tr", "ru"]);
const SPACE_BEFORE_PUNCTUATION = /(?<=[\p{L}\p{N}\p{M}»”“)])[ \u00A0\u202F\u2009]+(?=(?:[,.:;!?…]|\.\.\.)(?:$|[\s"'”»’)\]]))/gu;

export function checkWhitespace(ctx: CheckContext): Finding[] {
  const text = ctx.target;
  const out: Finding[] = [];
  const lead = /^\s+/u.exec(text);
  if (lead) out.push(at("whitespace.leading", {}, 0, lead[0].length));
  // By hand: /\s+$/ retries from every space of a long run inside the text.
  const trailAt = text.trimEnd().length;
  if (trailAt < text.length && trailAt > 0) out.push(at("whitespace.trailing", {}, trailAt, text.length));
  for (const m of text.matchAll(SPACE_RUN)) {
    if (m.index === 0 || m.index + m[0].length === text.length) continue; // leading or trailing
    out.push(at("whitespace.double", { count: m[0].length }, m.index, m.index + m[0].length));
  }
  if (NO_SPACE_BEFORE_PUNCTUATION.has(ctx.targetLang)) {
    for (const m of text.matchAll(SPACE_BEFORE_PUNCTUATION)) {
      const mark = /^(?:\.\.\.|.)/u.exec(text.slice(m.index + m[0].length))![0];
      out.push(at("whitespace.beforePunctuation", { found: mark }, m.index, m.index + m[0].length));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

export function checkBidiControls(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const m of ctx.target.matchAll(BIDI)) out.push(at("bidiControl", { code: codePointLabel(m[0].charCodeAt(0)) }, m.index, m.index + 1));
  return out;
}

// Zero-width and other invisible characters. ZWNJ (U+200C) and the direction
// marks (U+200E, U+200F, U+061C) are handled per language below; ZWJ is fine
// inside emoji sequences.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]/g;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\uFE0F\u{1F3FB}-\u{1F3FF}]/u;

export function checkInvisible(ctx: CheckContext): Finding[] {
  const text = ctx.target;
  const out: Finding[] = [];
  // Arabic-script languages (Arabic, Sorani, Persian …) may need the non-joiner.
  const arabicScript = scriptOf(ctx.targetLang) === "Arab";
  for (const m of text.matchAll(INVISIBLE)) {
    const c = m[0];
    const i = m.index;
    const cp = c.codePointAt(0)!;
    if (cp === 0x200c) {
      if (arabicScript) continue;
      out.push(at("invisible.zwnj", { code: codePointLabel(cp) }, i, i + 1));
      continue;
    }
    // Right-to-left and Arabic letter marks place punctuation and numbers in RTL text.
    if ((cp === 0x200e || cp === 0x200f || cp === 0x061c) && arabicScript) continue;
    if (cp === 0x200d) {
      const before = text.slice(Math.max(0, i - 2), i);
      const after = text.slice(i + 1, i + 3);
      if (PICTOGRAPHIC.test(before) && PICTOGRAPHIC.test(after)) continue; // 👨‍👩‍👧
    }
    // Tag characters belong to flag emoji sequences (🏴 + tags).
    if (cp >= 0xe0000 && /[\u{1F3F4}\u{E0020}-\u{E007F}]$/u.test(text.slice(Math.max(0, i - 2), i))) continue;
    out.push(at("invisible.character", { code: codePointLabel(cp) }, i, i + c.length));
  }
  return out;
}
