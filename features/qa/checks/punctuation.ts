/** [end_punctuation], [quotes], [brackets]. Offsets are logical (the order of the text, not of the screen). */
import { at, absent, type CheckContext, type Finding } from "./context";
import { scriptOf } from "../text";
import { findLanguage, type QuoteStyle } from "@/lib/i18n/languages";

// ---------------------------------------------------------------- end punctuation

type EndClass = "period" | "question" | "exclamation" | "semicolon" | "comma" | "colon" | "ellipsis";

const END_CLASS: Readonly<Record<string, EndClass>> = {
  ".": "period",
  "۔": "period",
  "。": "period",
  "?": "question",
  "؟": "question",
  "!": "exclamation",
  ";": "semicolon",
  "؛": "semicolon",
  ",": "comma",
  "،": "comma",
  ":": "colon",
  "…": "ellipsis",
};

/** How each class is written: Arabic script has its own question mark, semicolon and comma. */
function endForm(lang: string, cls: EndClass): string {
  const arabic = scriptOf(lang) === "Arab";
  switch (cls) {
    case "question":
      return arabic ? "؟" : "?";
    case "semicolon":
      return arabic ? "؛" : ";";
    case "comma":
      return arabic ? "،" : ",";
    case "period":
      return ".";
    case "exclamation":
      return "!";
    case "colon":
      return ":";
    case "ellipsis":
      return "…";
  }
}

/** Characters that may follow the final punctuation: closing quotes and brackets, spaces. */
const CLOSERS = new Set(["”", "“", "’", "‘", "»", "«", "›", '"', "'", ")", "]", "}", " ", "\u00A0", "\u202F", "\t", "\n", "\r"]);

interface EndMark {
  readonly cls: EndClass;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The punctuation at the end of a text, last first, across closing quotes and brackets. */
function endMarks(text: string): EndMark[] {
  const out: EndMark[] = [];
  let i = text.length - 1;
  while (i >= 0) {
    const c = text[i]!;
    if (CLOSERS.has(c)) {
      i--;
      continue;
    }
    if (c === "." && text[i - 1] === "." && text[i - 2] === ".") {
      out.push({ cls: "ellipsis", start: i - 2, end: i + 1, text: "..." });
      i -= 3;
      continue;
    }
    const cls = END_CLASS[c];
    if (!cls) break;
    out.push({ cls, start: i, end: i + 1, text: c });
    i--;
  }
  return out;
}

export function checkEndPunctuation(ctx: CheckContext): Finding[] {
  const s = endMarks(ctx.source);
  const t = endMarks(ctx.target);
  const lastS = s[0];
  const lastT = t[0];
  if (!lastS && !lastT) return [];
  if (!lastS) return [at("endPunctuation.extra", { found: lastT!.text }, lastT!.start, lastT!.end)];
  // The source's final mark may sit inside or outside the target's closing quotes («…?». or “…?”).
  const same = t.find((m) => m.cls === lastS.cls);
  if (!same) {
    if (!lastT) return [absent("endPunctuation.missing", { expected: endForm(ctx.targetLang, lastS.cls) }, lastS.start, lastS.end)];
    return [at("endPunctuation.different", { found: lastT.text, expected: endForm(ctx.targetLang, lastS.cls) }, lastT.start, lastT.end)];
  }
  const form = endForm(ctx.targetLang, same.cls);
  let fine: boolean;
  if (same.cls === "ellipsis") fine = true; // … or ...
  else if (same.cls === "period") fine = same.text === "." || (same.text === "۔" && scriptOf(ctx.targetLang) === "Arab");
  else fine = same.text === form;
  return fine ? [] : [at("endPunctuation.form", { found: same.text, expected: form }, same.start, same.end)];
}

// ---------------------------------------------------------------- quotes

// Each language's quotation marks are data: `quotes` in its entry of the language table.
const ENGLISH_QUOTES: QuoteStyle = { pairs: [["“", "”"], ["‘", "’"]], primary: "“…”", guillemets: false, typographic: false };
const QUOTE_MARKS = new Set(['"', "“", "”", "„", "‟", "«", "»", "‹", "›", "‘", "’", "‚", "‛", "＂"]);
const LETTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * Whether the source leaves a quotation open or closes one it did not open
 * (a quotation running over several paragraphs): then so may the target.
 */
function sourceQuoteBalance(source: string): { opens: boolean; closes: boolean } {
  let open = 0;
  let close = 0;
  let straight = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "“" || c === "«" || c === "„") open++;
    else if (c === "”" || c === "»") close++;
    else if (c === '"') straight++;
  }
  return { opens: open > close || straight % 2 === 1, closes: close > open || straight % 2 === 1 };
}

export function checkQuotes(ctx: CheckContext): Finding[] {
  const style = findLanguage(ctx.targetLang)?.quotes ?? ENGLISH_QUOTES;
  const text = ctx.target;
  const out: Finding[] = [];
  const openers = new Set(style.pairs.map((p) => p[0]));
  const closers = new Set(style.pairs.map((p) => p[1]));
  const stack: { mark: string; at: number }[] = [];
  let sourceBalance: { opens: boolean; closes: boolean } | undefined;
  const balance = () => (sourceBalance ??= sourceQuoteBalance(ctx.source));
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!QUOTE_MARKS.has(c)) continue;
    if (c === '"' || c === "＂") {
      if (style.typographic) out.push(at("quotes.straight", { found: c, expected: style.primary }, i, i + 1));
      continue;
    }
    if (c === "«" || c === "»") {
      if (!style.guillemets) out.push(at("quotes.wrong", { found: c, expected: style.primary }, i, i + 1));
      continue;
    }
    const top = stack[stack.length - 1];
    // After a letter, ’ is the apostrophe (Erdoğan’ın, soldiers’), unless it closes a ‘ at a word's end.
    if ((c === "’" || c === "‛") && LETTER.test(text[i - 1] ?? "")) {
      if (top?.mark !== "‘" || LETTER.test(text[i + 1] ?? "")) continue;
    }
    if (top && style.pairs.some(([o, cl]) => o === top.mark && cl === c)) {
      stack.pop();
      continue;
    }
    if (openers.has(c)) {
      stack.push({ mark: c, at: i });
      continue;
    }
    // A closing mark of this language with nothing to close; “ or ‘ alone are English openers.
    if (closers.has(c) && !["“", "‘", "„", "‚"].includes(c)) {
      if (!balance().closes) out.push(at("quotes.unopened", { found: c }, i, i + 1));
      continue;
    }
    out.push(at("quotes.wrong", { found: c, expected: style.primary }, i, i + 1));
  }
  if (stack.length && !balance().opens) for (const o of stack) out.push(at("quotes.unclosed", { found: o.mark }, o.at, o.at + 1));
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------- brackets

const OPEN: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}", "«": "»" };
const CLOSE: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{", "»": "«" };

/** Per opening mark: the source opens more than it closes (+) or closes more than it opens (-). */
function sourceBracketBalance(source: string): Map<string, number> {
  const balance = new Map<string, number>();
  for (const c of source) {
    if (OPEN[c]) balance.set(c, (balance.get(c) ?? 0) + 1);
    else if (CLOSE[c]) balance.set(CLOSE[c]!, (balance.get(CLOSE[c]!) ?? 0) - 1);
  }
  return balance;
}

export function checkBrackets(ctx: CheckContext): Finding[] {
  const text = ctx.target;
  if (!/[()[\]{}«»]/.test(text)) return [];
  const found: Finding[] = [];
  const stack: { mark: string; at: number }[] = [];
  // Per opening mark, where it stands in the stack (innermost last): finding the opener a
  // closing mark matches costs nothing, and each entry is removed once (linear).
  const depths = new Map<string, number[]>(Object.keys(OPEN).map((o) => [o, []]));
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (OPEN[c]) {
      depths.get(c)!.push(stack.length);
      stack.push({ mark: c, at: i });
      continue;
    }
    const opener = CLOSE[c];
    if (!opener) continue;
    // "1)" and "a)" at the start of a list item are not brackets.
    if (c === ")" && stack.length === 0 && /(?:^|\s)[\p{L}\p{N}]{1,2}$/u.test(text.slice(Math.max(0, i - 3), i))) continue;
    const positions = depths.get(opener)!;
    const depth = positions.length ? positions[positions.length - 1]! : -1;
    if (depth === -1) {
      found.push(at("brackets.unopened", { found: c }, i, i + 1));
      continue;
    }
    // Everything opened after the matching opener was left open: ( « ) ».
    for (const s of stack.splice(depth + 1)) {
      depths.get(s.mark)!.pop();
      found.push(at("brackets.unclosed", { found: s.mark }, s.at, s.at + 1));
    }
    stack.pop();
    positions.pop();
  }
  for (const s of stack) found.push(at("brackets.unclosed", { found: s.mark }, s.at, s.at + 1));
  if (found.length === 0) return [];
  // A bracket the source also leaves open (or closes without opening) is not
  // the translator's; nor are guillemets when the source's quotation runs over
  // several segments.
  const balance = sourceBracketBalance(ctx.source);
  const quotes = sourceQuoteBalance(ctx.source);
  return found
    .filter((f) => {
      const mark = String(f.params.found);
      if (f.messageKey === "brackets.unclosed") return !((balance.get(mark) ?? 0) > 0 || (mark === "«" && quotes.opens));
      return !((balance.get(CLOSE[mark]!) ?? 0) < 0 || (mark === "»" && quotes.closes));
    })
    .sort((a, b) => a.start - b.start);
}
