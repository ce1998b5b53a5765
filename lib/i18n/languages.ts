/**
 * The languages the product knows. They are data, not code: the table is
 * locales/languages.json (bundled into the server and the client alike), plus
 * the languages of LANGUAGES_DIR, a folder read at start-up on the server (its
 * languages.json, locales/<code>/ and content/stories/<slug>/<code>.json), which
 * the root layout hands to the client (registerLanguages). Everything that
 * depends on a language (routing, direction, fonts, digits, plural rules, QA
 * conventions, term recognition, content) reads it from here; see the README,
 * "How to add a language".
 */
import builtIn from "@/locales/languages.json";

export type Direction = "ltr" | "rtl";

/** How a language writes quotation marks ([quotes] QA check). */
export interface QuoteStyle {
  /** Opening → closing marks the language uses (« » are checked by [brackets]). */
  readonly pairs: readonly (readonly [string, string])[];
  /** How the primary pair is shown in messages. */
  readonly primary: string;
  /** Marks that are allowed but paired by [brackets] (guillemets). */
  readonly guillemets: boolean;
  /** The language writes typographic quotes: a straight " is a mistake. */
  readonly typographic: boolean;
}

/** Target/source length of translations from English ([length_ratio] QA check). */
export interface LengthRatio {
  /** Median of target/source length (code points). */
  readonly median: number;
  /** 0.5th and 99.5th percentiles: outside them, 1 in 100 human translations. */
  readonly low: number;
  readonly high: number;
}

export interface Language {
  /** Code used in URLs, in the database and for locale folders. */
  readonly code: string;
  /** BCP 47 tag for `lang` attributes, Intl and hreflang. */
  readonly bcp47: string;
  /** The language's name in itself. */
  readonly nativeName: string;
  /** English name, for logs and admin screens. */
  readonly englishName: string;
  readonly dir: Direction;
  /** ISO 15924 script code (Latn, Cyrl, Arab, …). */
  readonly script: string;
  /** Unicode numbering system the UI uses for this language (Intl `nu`: latn, arab, arabext, …). */
  readonly digits: string;
  /**
   * Where a runtime has no Intl data for the language (Chromium has none for
   * kmr): a locale that writes numbers and dates the same way, and the
   * language's own month names to put in its dates.
   */
  readonly intlFallback?: { readonly locale: string; readonly months?: readonly string[] };
  /**
   * Other language tags files use for this language (lowercase; a tag matches
   * it or extends it with subtags): TMX, XLIFF and glossary imports read them
   * as this language and say so in their report.
   */
  readonly tagAliases?: readonly string[];
  /** Quotation marks; English rules where absent. */
  readonly quotes?: QuoteStyle;
  /** Expected length of translations from English; unchecked where absent. */
  readonly lengthRatio?: LengthRatio;
  /**
   * Letters of other languages of the same script typed for this language's
   * own, as [typed, expected] (Persian ی for Arabic ي): the [script] QA check
   * reports them, and term recognition reads them as the expected letter.
   */
  readonly letterFolds?: readonly (readonly [string, string])[];
  /**
   * For a language without an analyzer of its own (features/glossary/analyzers.ts):
   * the inflectional endings term recognition may remove from a word of running
   * text, leaving at least `minStem` letters (default 3).
   */
  readonly inflection?: { readonly suffixes: readonly string[]; readonly minStem?: number };
}

/** A language code of the table (checked with isLanguageCode; the table is data, so this is a string). */
export type LanguageCode = string;

/** The language every story is written in first. */
export const SOURCE_LANGUAGE: LanguageCode = "en";

/** Fallback UI language when nothing else tells us what the reader wants. */
export const DEFAULT_LANGUAGE: LanguageCode = "en";

// The table, filled below and by registerLanguages; the arrays keep their identity, so a
// module that imported them sees languages registered later (the client's, from the layout).
const table: Language[] = [];
const codes: LanguageCode[] = [];
const targetCodes: LanguageCode[] = [];
const byCode = new Map<string, Language>();
const extras: Language[] = [];

/** Every language, in the order the UI lists them. */
export const LANGUAGES: readonly Language[] = table;
export const LANGUAGE_CODES: readonly LanguageCode[] = codes;
/** Languages stories are translated into. */
export const TARGET_LANGUAGE_CODES: readonly LanguageCode[] = targetCodes;

const CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
const SCRIPT = /^[A-Z][a-z]{3}$/;

/** A language entry checked field by field; throws naming the entry and the field. */
export function parseLanguage(raw: unknown, where: string): Language {
  const fail = (field: string, why: string): never => {
    throw new Error(`${where}: language ${JSON.stringify((raw as { code?: unknown } | null)?.code ?? "?")}: "${field}" ${why}`);
  };
  if (!raw || typeof raw !== "object") fail("entry", "is not an object");
  const l = raw as Record<string, unknown>;
  const str = (field: string) => (typeof l[field] === "string" && (l[field] as string).trim() ? (l[field] as string) : fail(field, "must be a non-empty string"));
  if (!CODE.test(str("code"))) fail("code", "must be a lowercase language code (fa, az, ckb)");
  str("bcp47");
  try {
    Intl.getCanonicalLocales(l.bcp47 as string);
  } catch {
    fail("bcp47", "is not a BCP 47 tag");
  }
  str("nativeName");
  str("englishName");
  if (l.dir !== "ltr" && l.dir !== "rtl") fail("dir", 'must be "ltr" or "rtl"');
  if (!SCRIPT.test(str("script"))) fail("script", "must be an ISO 15924 code (Latn, Arab, Cyrl …)");
  try {
    new Intl.NumberFormat("en", { numberingSystem: str("digits") });
  } catch {
    fail("digits", "is not a Unicode numbering system (latn, arab, arabext …)");
  }
  const pair = (x: unknown) => Array.isArray(x) && x.length === 2 && x.every((c) => typeof c === "string" && c.length > 0);
  if (l.quotes !== undefined) {
    const q = l.quotes as Record<string, unknown>;
    if (!q || !Array.isArray(q.pairs) || !q.pairs.every(pair) || typeof q.primary !== "string" || typeof q.guillemets !== "boolean" || typeof q.typographic !== "boolean") {
      fail("quotes", "must be { pairs: [[open, close]…], primary, guillemets, typographic }");
    }
  }
  if (l.lengthRatio !== undefined) {
    const r = l.lengthRatio as Record<string, unknown>;
    if (!r || !["median", "low", "high"].every((k) => typeof r[k] === "number" && (r[k] as number) > 0)) fail("lengthRatio", "must be { median, low, high } (positive numbers)");
  }
  if (l.letterFolds !== undefined && !(Array.isArray(l.letterFolds) && l.letterFolds.every(pair))) fail("letterFolds", "must be a list of [typed, expected] letters");
  if (l.tagAliases !== undefined && !(Array.isArray(l.tagAliases) && l.tagAliases.every((a) => typeof a === "string" && a === a.toLowerCase()))) fail("tagAliases", "must be a list of lowercase tags");
  if (l.inflection !== undefined) {
    const i = l.inflection as Record<string, unknown>;
    if (!i || !Array.isArray(i.suffixes) || !i.suffixes.every((x) => typeof x === "string" && x.length > 0) || (i.minStem !== undefined && !(Number.isInteger(i.minStem) && (i.minStem as number) > 0))) {
      fail("inflection", "must be { suffixes: [...], minStem? }");
    }
  }
  // Documentation fields ("$comment", "$quotes" …) are dropped.
  return Object.fromEntries(Object.entries(l).filter(([k]) => !k.startsWith("$"))) as unknown as Language;
}

/**
 * Adds languages to the table (those already there are left as they are).
 * The server registers LANGUAGES_DIR's at start-up; the client those the root layout passes.
 */
export function registerLanguages(list: readonly Language[]): void {
  for (const l of list) {
    if (byCode.has(l.code)) continue;
    table.push(l);
    codes.push(l.code);
    if (l.code !== SOURCE_LANGUAGE) targetCodes.push(l.code);
    byCode.set(l.code, l);
  }
}

/** The folder of extra languages (LANGUAGES_DIR), on the server; undefined elsewhere or when unset. */
export function languagesDir(): string | undefined {
  if (typeof window !== "undefined" || typeof process === "undefined") return undefined;
  const dir = process.env?.LANGUAGES_DIR?.trim();
  return dir ? dir : undefined;
}

/** The languages read from LANGUAGES_DIR (for the client, which cannot read it). */
export function extraLanguages(): readonly Language[] {
  return extras;
}

function loadLanguagesDir(dir: string): Language[] {
  // Read without a static import of node:fs, so that this module stays usable in the browser.
  const builtin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof builtin !== "function") throw new Error("LANGUAGES_DIR needs Node.js 20.16 or later (process.getBuiltinModule)");
  const fs = builtin("node:fs") as typeof import("node:fs");
  const path = builtin("node:path") as typeof import("node:path");
  const file = path.resolve(dir, "languages.json");
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { languages?: unknown };
  if (!Array.isArray(parsed.languages)) throw new Error(`${file}: expected { "languages": [ … ] }`);
  return parsed.languages.map((l) => parseLanguage(l, file));
}

registerLanguages(builtIn.languages.map((l) => parseLanguage(l, "locales/languages.json")));
{
  const dir = languagesDir();
  if (dir) {
    const loaded = loadLanguagesDir(dir).filter((l) => !byCode.has(l.code));
    extras.push(...loaded);
    registerLanguages(loaded);
  }
}

/**
 * The workbench language a file's language tag names (en-US → en, ckb_IQ →
 * ckb), or undefined. `alias` is set when the tag is one of the language's
 * `tagAliases` (ku → kmr, ku-Arab → ckb): importers report that.
 */
export function languageOfTag(tag: string | undefined): { code: LanguageCode; alias?: string } | undefined {
  if (!tag) return undefined;
  const t = tag.trim().replace(/_/g, "-").toLowerCase();
  const primary = t.split("-")[0]!;
  if (byCode.has(primary)) return { code: primary as LanguageCode };
  let best: { code: LanguageCode; alias: string } | undefined;
  for (const l of LANGUAGES as readonly Language[]) {
    for (const a of l.tagAliases ?? []) {
      if ((t === a || t.startsWith(`${a}-`)) && (!best || a.length > best.alias.length)) best = { code: l.code as LanguageCode, alias: a };
    }
  }
  return best;
}

/** Type guard for route params and request bodies. */
export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === "string" && byCode.has(value);
}

/** The language for a code known to be valid. */
export function getLanguage(code: LanguageCode): Language {
  return byCode.get(code)!;
}

/** The language for any string, or undefined. */
export function findLanguage(code: string): Language | undefined {
  return byCode.get(code);
}

/** The UI language for an i18next language tag (English when unknown). */
export function uiLanguage(tag: string | undefined): LanguageCode {
  const code = tag?.split("-")[0]?.toLowerCase();
  return code && isLanguageCode(code) ? code : "en";
}

/** Locale string for Intl that carries the language's numbering system. */
export function intlLocale(code: LanguageCode): string {
  const l = getLanguage(code);
  return `${l.bcp47}-u-nu-${l.digits}`;
}

const runtimeHasData = new Map<string, boolean>();

/** Whether this runtime's Intl has locale data for the language (or one it maps it to, as ICU maps kmr to ku). */
export function intlHasData(code: LanguageCode): boolean {
  let known = runtimeHasData.get(code);
  if (known === undefined) {
    const l = getLanguage(code);
    known = Intl.NumberFormat.supportedLocalesOf([l.bcp47]).length > 0 || Intl.DateTimeFormat.supportedLocalesOf([l.bcp47]).length > 0;
    runtimeHasData.set(code, known);
  }
  return known;
}

/** The locale Intl is given for the language: its own, or its fallback where the runtime lacks the data. */
function formattingLocale(code: LanguageCode): string {
  const l: Language = getLanguage(code);
  if (l.intlFallback && !intlHasData(code)) return `${l.intlFallback.locale}-u-nu-${l.digits}`;
  return intlLocale(code);
}

/**
 * Formats a number the way the UI language writes it. The numbering system is
 * also passed as an option: a runtime without data for the locale (Chromium
 * has none for ckb) drops the -u-nu- extension but keeps the option. A
 * language with an `intlFallback` uses that locale where data is missing.
 */
export function formatNumber(code: LanguageCode, value: number, options?: Intl.NumberFormatOptions): string {
  return cachedFormat(numberFormats, Intl.NumberFormat, code, options, { numberingSystem: getLanguage(code).digits, ...options }).format(value);
}

// Building an Intl formatter costs far more than using one (a list page formats
// hundreds of numbers), so each (language, options) pair is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const FORMAT_CACHE_LIMIT = 500;

function cachedFormat<F>(cache: Map<string, F>, Format: new (locale: string, options: object) => F, code: LanguageCode, options: object | undefined, full: object): F {
  const key = `${code}\u0000${options ? JSON.stringify(options) : ""}`;
  let format = cache.get(key);
  if (!format) {
    // Options come from code, not from users, but a bound keeps a mistake from growing the map forever.
    if (cache.size >= FORMAT_CACHE_LIMIT) cache.clear();
    format = new Format(formattingLocale(code), full);
    cache.set(key, format);
  }
  return format;
}

/**
 * Formats a date the way the UI language writes it (numbering system as for
 * formatNumber). Where the runtime lacks the language's data, the fallback
 * locale's pattern is used with the language's own month names.
 */
export function formatDate(code: LanguageCode, date: Date, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }): string {
  const l: Language = getLanguage(code);
  const format = cachedFormat(dateFormats, Intl.DateTimeFormat, code, options, { numberingSystem: l.digits, ...options });
  const months = l.intlFallback?.months;
  if (!months || intlHasData(code)) return format.format(date);
  const monthIndex = Number(
    cachedFormat(dateFormats, Intl.DateTimeFormat, "en", { month: "numeric", timeZone: options.timeZone, latn: true }, { numberingSystem: "latn", month: "numeric", timeZone: options.timeZone }).formatToParts(date).find((p) => p.type === "month")?.value,
  ) - 1;
  return format
    .formatToParts(date)
    .map((p) => (p.type === "month" && !/^\p{Nd}+$/u.test(p.value) ? (months[monthIndex] ?? p.value) : p.value))
    .join("");
}

/**
 * Picks the best supported language from an Accept-Language header
 * (RFC 9110 weights; a region subtag falls back to its language).
 */
export function negotiateLanguage(header: string | null | undefined): LanguageCode | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: (tag ?? "").trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (byCode.has(tag)) return tag;
    const primary = tag.split("-")[0]!;
    if (byCode.has(primary)) return primary;
  }
  return undefined;
}

/** `lang` and `dir` attributes for an element holding text in `code`. */
export function textAttrs(code: LanguageCode): { lang: string; dir: Direction } {
  const l = getLanguage(code);
  return { lang: l.bcp47, dir: l.dir };
}
