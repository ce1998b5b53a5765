/**
 * Numbers in running text, in any of our five languages: ASCII, Arabic-Indic
 * (٠–٩) and Extended Arabic-Indic (۰–۹) digits; grouping by , . space NBSP
 * narrow NBSP thin space or ٬ (or ، typed for it); decimals by . , or ٫;
 * clock times (19:28, 19.28, 7.28 PM); suffixes after the digits (33'ü,
 * 29-ти, 2020'de, ٢٧ی) are simply not part of the number. "1950-53" is also
 * read as 1950 and 1953, and "the 1930s" as 1930 or 30 (30-е).
 *
 * A written number can have several readings ("1.000" is a thousand in
 * Turkish and one in English; "19.28" is a decimal or a time), so numbers are
 * compared by their readings and paired by a maximum bipartite matching: a
 * number is reported only when no reading of it can be paired.
 */
import { asciiDigits, maskUrls } from "./text";

export type Reading =
  | { readonly kind: "n"; readonly value: string }
  /** A time of day in seconds; `explicit` when it cannot be the other half of the day. `hourOnly` for a bare integer that may be an hour. */
  | { readonly kind: "t"; readonly seconds: number; readonly explicit: boolean; readonly hourOnly: boolean };

export interface NumberToken {
  readonly start: number;
  readonly end: number;
  /** The number as written (with its AM/PM marker). */
  readonly text: string;
  readonly readings: readonly Reading[];
  /** For a number grouped by spaces ("27 200"): the same digits read as separate numbers. */
  readonly parts?: readonly NumberToken[];
  /** The value when the number is a plain integer (for number words). */
  readonly integer?: number;
}

const NUMBER = /\d+(?:(?:[.,\u066B\u066C\u060C:]|[ \u00A0\u202F\u2009](?=\d{3}(?!\d)))\d+)*/g;
const MERIDIEM = /^[ \u00A0\u202F]?([ap])\.?[ \u00A0]?m\.?(?![\p{L}\p{N}])/iu;
const SPACE_SEPS = new Set([" ", "\u00A0", "\u202F", "\u2009"]);
const HALF_DAY = 12 * 3600;

function canonical(intPart: string, frac = ""): Reading {
  const i = intPart.replace(/^0+(?=\d)/, "");
  const f = frac.replace(/0+$/, "");
  return { kind: "n", value: f ? `${i}.${f}` : i };
}

function time(h: number, m: number, s: number, leadingZero: boolean, meridiem: "a" | "p" | null): Reading | null {
  if (m > 59 || s > 59) return null;
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    return { kind: "t", seconds: ((h % 12) + (meridiem === "p" ? 12 : 0)) * 3600 + m * 60 + s, explicit: true, hourOnly: false };
  }
  if (h > 24) return null;
  return { kind: "t", seconds: (h % 24) * 3600 + m * 60 + s, explicit: h > 12 || h === 0 || leadingZero, hourOnly: false };
}

/** Readings of one number as written (ASCII digits), or null when it is a sequence of numbers (a date, say). */
function interpret(raw: string, meridiem: "a" | "p" | null): Reading[] | null {
  const groups = raw.split(/\D/);
  const seps: string[] = raw.match(/\D/g) ?? [];
  const g0 = groups[0]!;
  if (seps.length === 0) {
    const n = Number(raw);
    if (meridiem) {
      const t = time(n, 0, 0, false, meridiem);
      return t ? [t] : [canonical(raw)];
    }
    const out: Reading[] = [canonical(raw)];
    if (raw.length <= 2 && n >= 1 && n <= 23) out.push({ kind: "t", seconds: n * 3600, explicit: n > 12 || raw.startsWith("0"), hourOnly: true });
    return out;
  }
  if (seps.includes(":")) {
    if (!seps.every((s) => s === ":") || seps.length > 2 || g0.length > 2 || groups.slice(1).some((g) => g.length !== 2)) return null;
    const t = time(Number(g0), Number(groups[1]), Number(groups[2] ?? 0), g0.length === 2 && g0.startsWith("0"), meridiem);
    return t ? [t] : null;
  }
  const out: Reading[] = [];
  const kind = (s: string) => (SPACE_SEPS.has(s) ? " " : s);
  const last = seps[seps.length - 1]!;
  // Every separator groups thousands: 1,000 1.000 1 000 ١٬٠٠٠ 12,345,678 (and 30،000, the Arabic comma typed for ٬).
  if (g0.length <= 3 && seps.every((s) => kind(s) === kind(seps[0]!) && s !== "\u066B") && groups.slice(1).every((g) => g.length === 3)) {
    out.push(canonical(groups.join("")));
  }
  // The last separator is the decimal point: 2.5 2,5 ٢٫٥ 1,234.5 1.234,5 1 234,5.
  if (last === "." || last === "," || last === "\u066B") {
    const grouping = seps.slice(0, -1);
    const middle = groups.slice(1, -1);
    const ok =
      grouping.length === 0 ||
      (g0.length <= 3 && grouping.every((s) => kind(s) === kind(grouping[0]!) && s !== "\u066B" && kind(s) !== last) && middle.every((g) => g.length === 3));
    if (ok) out.push(canonical(groups.slice(0, -1).join(""), groups[groups.length - 1]));
  }
  // 19.28 and 7.28 PM are times too.
  if (seps.length === 1 && last === "." && g0.length <= 2 && groups[1]!.length === 2) {
    const t = time(Number(g0), Number(groups[1]), 0, g0.length === 2 && g0.startsWith("0"), meridiem);
    if (t) {
      if (meridiem) return [t];
      out.push(t);
    }
  }
  return out.length ? out : null;
}

function integerToken(text: string, start: number, digits: string): NumberToken {
  const readings = interpret(digits, null)!;
  return { start, end: start + digits.length, text, readings, integer: Number(digits) };
}

/** Every number in a text, with UTF-16 offsets. URLs and e-mail addresses are skipped. */
export function extractNumbers(text: string): NumberToken[] {
  const plain = asciiDigits(maskUrls(text));
  if (!/\d/.test(plain)) return [];
  const out: NumberToken[] = [];
  for (const m of plain.matchAll(NUMBER)) {
    const raw = m[0];
    const start = m.index;
    const after = MERIDIEM.exec(plain.slice(start + raw.length, start + raw.length + 8));
    const meridiem = after ? (after[1]!.toLowerCase() as "a" | "p") : null;
    const readings = interpret(raw, meridiem);
    // Groups of digits as separate numbers (a date, or digits that only look grouped).
    const parts: NumberToken[] = [];
    if (!readings || raw.split("").some((c) => SPACE_SEPS.has(c))) {
      for (const g of raw.matchAll(/\d+/g)) parts.push(integerToken(text.slice(start + g.index, start + g.index + g[0].length), start + g.index, g[0]));
    }
    if (!readings) {
      out.push(...parts);
      continue;
    }
    const end = start + raw.length + (readings.some((r) => r.kind === "t" && r.explicit) && after ? after[0].length : 0);
    const extra: Reading[] = [];
    const prev = out[out.length - 1];
    // 1950-53: the second year without its century.
    const prevDigits = prev ? plain.slice(prev.start, prev.end) : "";
    if (/^\d\d$/.test(raw) && /^\d{4}$/.test(prevDigits) && /^[-–]$/.test(plain.slice(prev!.end, start)) && Number(prevDigits.slice(2)) < Number(raw)) {
      extra.push(canonical(prevDigits.slice(0, 2) + raw));
    }
    // The 1930s: a decade, also written with its last two digits (30-е, الثلاثينيات).
    if (/^\d{3}0$/.test(raw) && /^['’]?s(?!\p{L})/u.test(plain.slice(start + raw.length, start + raw.length + 3))) extra.push(canonical(raw.slice(2)));
    out.push({
      start,
      end,
      text: text.slice(start, end),
      readings: extra.length ? [...readings, ...extra] : readings,
      ...(parts.length ? { parts } : {}),
      ...(/^\d+$/.test(raw) ? { integer: Number(raw) } : {}),
    });
  }
  return out;
}

function compatible(a: Reading, b: Reading): boolean {
  if (a.kind === "n") return b.kind === "n" && a.value === b.value;
  if (b.kind === "n") return false;
  if (a.hourOnly && b.hourOnly) return false;
  if (a.seconds === b.seconds) return true;
  return (!a.explicit || !b.explicit) && a.seconds % HALF_DAY === b.seconds % HALF_DAY;
}

function same(a: NumberToken, b: NumberToken): boolean {
  for (const x of a.readings) for (const y of b.readings) if (compatible(x, y)) return true;
  return false;
}

/** Maximum bipartite matching (Kuhn): which tokens of each side found a partner. */
function match(left: readonly NumberToken[], right: readonly NumberToken[]): { left: boolean[]; right: boolean[] } {
  const partner = new Array<number>(right.length).fill(-1);
  const adjacency = left.map((l) => right.map((r, j) => (same(l, r) ? j : -1)).filter((j) => j >= 0));
  const tryAssign = (i: number, seen: Uint8Array): boolean => {
    for (const j of adjacency[i]!) {
      if (seen[j]) continue;
      seen[j] = 1;
      if (partner[j] === -1 || tryAssign(partner[j]!, seen)) {
        partner[j] = i;
        return true;
      }
    }
    return false;
  };
  const leftMatched = left.map((_, i) => tryAssign(i, new Uint8Array(right.length)));
  return { left: leftMatched, right: partner.map((p) => p !== -1) };
}

/**
 * The numbers of the source not found in the target, and the numbers of the
 * target not in the source. A space-grouped number that finds no partner is
 * tried again as separate numbers.
 */
export function compareNumbers(source: readonly NumberToken[], target: readonly NumberToken[]): { missing: NumberToken[]; extra: NumberToken[] } {
  if (source.length === 0 && target.length === 0) return { missing: [], extra: [] };
  const first = match(source, target);
  let s = source.filter((_, i) => !first.left[i]);
  let t = target.filter((_, j) => !first.right[j]);
  if ((s.length || t.length) && (s.some((x) => x.parts) || t.some((x) => x.parts))) {
    s = s.flatMap((x) => x.parts ?? [x]);
    t = t.flatMap((x) => x.parts ?? [x]);
    const second = match(s, t);
    s = s.filter((_, i) => !second.left[i]);
    t = t.filter((_, j) => !second.right[j]);
  }
  return { missing: s, extra: t };
}

// Number words 0–12 (whole words, with the usual inflection), to accept "two" for 2 and "beş" for 5.
const WORDS: Record<string, readonly string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
  tr: ["sıfır", "bir", "iki\\p{L}*", "üç\\p{L}*", "dört\\p{L}*", "beş\\p{L}*", "altı", "yedi", "sekiz\\p{L}*", "dokuz\\p{L}*", "on", "on bir", "on iki\\p{L}*"],
  ru: [
    "ноль|нуля|нулю|нулём|нулем",
    "один|одна|одно|одного|одной|одному|одним|одном|одну",
    "два|две|двух|двум|двумя|двое|двоих",
    "три|трёх|трех|трём|трем|тремя|трое|троих",
    "четыре|четырёх|четырех|четырём|четырем|четырьмя|четверо",
    "пять|пяти|пятью|пятеро",
    "шесть|шести|шестью|шестеро",
    "семь|семи|семью|семеро",
    "восемь|восьми|восемью|восьмью",
    "девять|девяти|девятью",
    "десять|десяти|десятью",
    "одиннадцать|одиннадцати|одиннадцатью",
    "двенадцать|двенадцати|двенадцатью",
  ],
  ar: [
    "صفر",
    "واحد|واحدة",
    "اثنان|اثنين|اثنتان|اثنتين",
    "ثلاث|ثلاثة",
    "أربع|أربعة|اربع|اربعة",
    "خمس|خمسة",
    "ست|ستة",
    "سبع|سبعة",
    "ثماني|ثمانية|ثمان",
    "تسع|تسعة",
    "عشر|عشرة",
    "أحد عشر|إحدى عشرة",
    "اثنا عشر|اثني عشر|اثنتا عشرة|اثنتي عشرة",
  ],
  kmr: ["sifir", "yek|yekî|yekê", "du|dudu|duyan", "sê|sisê|sêyan", "çar|çaran", "pênc|pêncan", "şeş|şeşan", "heft|heftan", "heşt|heştan", "neh|nehan", "deh|dehan", "yazdeh|yanzdeh", "diwanzdeh|duwanzdeh|dwanzdeh"],
  ckb: ["سفر", "یەک\\p{L}*", "دوو\\p{L}*", "سێ|سێی\\p{L}*", "چوار\\p{L}*", "پێنج\\p{L}*", "شەش\\p{L}*", "حەوت\\p{L}*", "هەشت\\p{L}*", "نۆ|نۆی\\p{L}*", "دە|دەی\\p{L}*", "یازدە\\p{L}*", "دوازدە\\p{L}*"],
};
const wordRegexes = new Map<string, RegExp>();

/** Whether `text` spells out the integer `value` (0–12) as a word of `lang`. */
export function hasNumberWord(lang: string, text: string, value: number): boolean {
  const list = WORDS[lang];
  if (!list || value < 0 || value >= list.length) return false;
  const key = `${lang}:${value}`;
  let re = wordRegexes.get(key);
  if (!re) {
    // Arabic words may carry the clitics و ف ب ل and the article.
    const prefix = lang === "ar" ? "(?:[وفبل]?(?:ال)?)" : "";
    re = new RegExp(`(?<![\\p{L}\\p{M}])${prefix}(?:${list[value]})(?![\\p{L}\\p{M}])`, "iu");
    wordRegexes.set(key, re);
  }
  return re.test(lang === "ar" ? text.replace(/[\u064B-\u065F\u0670]/g, "") : text);
}
