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
 * number is reported only when no reading of it can be paired. Everything
 * here is linear in the text (the matching per round of augmentation; see
 * `match`), since it runs on every keystroke and on anonymous requests.
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
const SPACE_SEP = /[ \u00A0\u202F\u2009]/;
const HALF_DAY = 12 * 3600;

function canonical(intPart: string, frac = ""): Reading {
  const i = intPart.replace(/^0+(?=\d)/, "");
  // Trailing zeros by hand: /0+$/ retries from every zero of a long run.
  let end = frac.length;
  while (end > 0 && frac[end - 1] === "0") end--;
  const f = frac.slice(0, end);
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
  const plainDigits = !/\D/.test(raw);
  const groups = plainDigits ? [raw] : raw.split(/\D/);
  const seps: string[] = plainDigits ? [] : (raw.match(/\D/g) ?? []);
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
    if (!readings || SPACE_SEP.test(raw)) {
      for (const g of raw.matchAll(/\d+/g)) parts.push(integerToken(text.slice(start + g.index, start + g.index + g[0].length), start + g.index, g[0]));
    }
    if (!readings) {
      for (const p of parts) out.push(p);
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

/**
 * Where a reading meets the compatible readings of the other side: a number
 * its equal value; a time the same time, or the same time of the other half
 * of the day when one of the two is not explicit (and not two bare hours).
 * Two readings are compatible exactly when a hub of the left one is a hub of
 * the right one, so a matching never compares numbers pairwise.
 */
function hubs(r: Reading, side: "left" | "right"): string[] {
  if (r.kind === "n") return [`n${r.value}`];
  const half = r.seconds % HALF_DAY;
  const exact = `t${r.seconds}`;
  // Left: one hub by its own flags. Right: every hub whose left readings it is compatible with.
  if (side === "left") return [exact, `h${half}${r.explicit ? "e" : "f"}${r.hourOnly ? "h" : ""}`];
  const out = [exact, `h${half}f`];
  if (!r.hourOnly) out.push(`h${half}fh`);
  if (!r.explicit) out.push(`h${half}e`);
  if (!r.explicit && !r.hourOnly) out.push(`h${half}eh`);
  return out;
}

const signature = (t: NumberToken) =>
  t.readings
    .map((r) => (r.kind === "n" ? `n${r.value}` : `t${r.seconds}${r.explicit ? "e" : ""}${r.hourOnly ? "h" : ""}`))
    .sort()
    .join(" ");

/**
 * Maximum bipartite matching of the numbers of two texts, as a flow: numbers
 * written with the same readings are one node (with their count), and they
 * meet through the hubs above. Linear in the number of readings per round of
 * Dinic's algorithm, so a text of a thousand times the same number costs no
 * more than one with a thousand different ones. Which tokens of each side
 * found a partner: the first ones of each kind, in text order.
 */
function match(left: readonly NumberToken[], right: readonly NumberToken[]): { left: boolean[]; right: boolean[] } {
  const net = new FlowNetwork();
  const SOURCE = net.node();
  const SINK = net.node();
  const hubNodes = new Map<string, number>();
  const hub = (key: string) => {
    let n = hubNodes.get(key);
    if (n === undefined) hubNodes.set(key, (n = net.node()));
    return n;
  };
  const classesOf = (tokens: readonly NumberToken[], side: "left" | "right") => {
    const classes = new Map<string, { node: number; members: number[]; edge: number }>();
    tokens.forEach((t, i) => {
      const key = signature(t);
      let c = classes.get(key);
      if (!c) {
        const node = net.node();
        classes.set(key, (c = { node, members: [], edge: -1 }));
        const keys = new Set(t.readings.flatMap((r) => hubs(r, side)));
        for (const k of keys) (side === "left" ? net.edge(node, hub(k), Infinity) : net.edge(hub(k), node, Infinity));
      }
      c.members.push(i);
    });
    for (const c of classes.values()) c.edge = side === "left" ? net.edge(SOURCE, c.node, c.members.length) : net.edge(c.node, SINK, c.members.length);
    return classes;
  };
  const l = classesOf(left, "left");
  const r = classesOf(right, "right");
  net.maxFlow(SOURCE, SINK);
  const matched = (tokens: readonly NumberToken[], classes: typeof l) => {
    const out = new Array<boolean>(tokens.length).fill(false);
    for (const c of classes.values()) {
      const flow = net.flow(c.edge);
      for (let k = 0; k < flow; k++) out[c.members[k]!] = true;
    }
    return out;
  };
  return { left: matched(left, l), right: matched(right, r) };
}

/** A flow network with Dinic's algorithm (iterative, so long augmenting paths cannot overflow the stack). */
class FlowNetwork {
  private readonly head: number[] = [];
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly cap: number[] = [];
  private readonly initial: number[] = [];

  node(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  /** An edge (and its residual twin); returns its index. */
  edge(from: number, to: number, capacity: number): number {
    const e = this.to.length;
    for (const [a, b, c] of [
      [from, to, capacity],
      [to, from, 0],
    ] as const) {
      this.to.push(b);
      this.cap.push(c);
      this.initial.push(c);
      this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
    return e;
  }

  flow(edge: number): number {
    return this.initial[edge]! - this.cap[edge]!;
  }

  maxFlow(s: number, t: number): number {
    const n = this.head.length;
    const level = new Int32Array(n);
    const it = new Int32Array(n);
    const queue = new Int32Array(n);
    const path: number[] = [];
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const u = queue[qh++]!;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          const v = this.to[e]!;
          if (this.cap[e]! > 0 && level[v] === -1) {
            level[v] = level[u]! + 1;
            queue[qt++] = v;
          }
        }
      }
      if (level[t] === -1) return total;
      for (let u = 0; u < n; u++) it[u] = this.head[u]!;
      // Blocking flow: walk forward along the levels, augment at t, retreat from dead ends.
      let u = s;
      path.length = 0;
      for (;;) {
        if (u === t) {
          let push = Infinity;
          for (const e of path) push = Math.min(push, this.cap[e]!);
          let back = -1;
          for (let k = 0; k < path.length; k++) {
            const e = path[k]!;
            this.cap[e]! -= push;
            this.cap[e ^ 1]! += push;
            if (back === -1 && this.cap[e] === 0) back = k;
          }
          total += push;
          // Resume from the tail of the first saturated edge.
          path.length = back;
          u = back === 0 ? s : this.to[path[back - 1]!]!;
          continue;
        }
        let e = it[u]!;
        while (e !== -1 && !(this.cap[e]! > 0 && level[this.to[e]!] === level[u]! + 1)) e = this.next[e]!;
        it[u] = e;
        if (e !== -1) {
          path.push(e);
          u = this.to[e]!;
          continue;
        }
        // Dead end: nothing more goes through u in this round.
        if (u === s) break;
        level[u] = -1;
        const last = path.pop()!;
        u = this.to[last ^ 1]!;
        it[u] = this.next[it[u]!]!;
      }
    }
  }
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
