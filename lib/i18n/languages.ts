/**
 * The one table of languages the product knows. Everything that depends on a
 * language (routing, direction, fonts, digits, plural rules, content) reads it
 * from here: adding Kurmanji (kmr) is one entry below plus its locale files.
 */

export type Direction = "ltr" | "rtl";

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
  /** ISO 15924 script code. */
  readonly script: "Latn" | "Cyrl" | "Arab";
  /** Unicode numbering system the UI uses for this language (Intl `nu`). */
  readonly digits: "latn" | "arab";
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
}

export const LANGUAGES = [
  { code: "en", bcp47: "en", nativeName: "English", englishName: "English", dir: "ltr", script: "Latn", digits: "latn" },
  { code: "tr", bcp47: "tr", nativeName: "Türkçe", englishName: "Turkish", dir: "ltr", script: "Latn", digits: "latn" },
  { code: "ru", bcp47: "ru", nativeName: "Русский", englishName: "Russian", dir: "ltr", script: "Cyrl", digits: "latn" },
  { code: "ar", bcp47: "ar", nativeName: "العربية", englishName: "Arabic", dir: "rtl", script: "Arab", digits: "latn" },
  { code: "ckb", bcp47: "ckb", nativeName: "کوردی", englishName: "Kurdish (Sorani)", dir: "rtl", script: "Arab", digits: "arab", tagAliases: ["ku-arab"] },
  {
    code: "kmr",
    bcp47: "kmr",
    nativeName: "Kurmancî",
    englishName: "Kurdish (Kurmanji)",
    dir: "ltr",
    script: "Latn",
    digits: "latn",
    // Plain ku is Kurmanji in practice (CLDR, TICO-19, Wikipedia); Sorani files say ckb or ku-Arab.
    tagAliases: ["ku-latn", "ku", "kur"],
    // Kurmanji writes 1.234,5 as Turkish does (CLDR "ku").
    intlFallback: {
      locale: "tr",
      months: ["rêbendan", "sibat", "adar", "nîsan", "gulan", "hezîran", "tîrmeh", "tebax", "îlon", "cotmeh", "mijdar", "berfanbar"],
    },
  },
] as const satisfies readonly Language[];

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

/** The language every story is written in first. */
export const SOURCE_LANGUAGE: LanguageCode = "en";

/** Fallback UI language when nothing else tells us what the reader wants. */
export const DEFAULT_LANGUAGE: LanguageCode = "en";

export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

/** Languages stories are translated into. */
export const TARGET_LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGE_CODES.filter((c) => c !== SOURCE_LANGUAGE);

const byCode = new Map<string, Language>(LANGUAGES.map((l) => [l.code, l]));

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
    if (isLanguageCode(tag)) return tag;
    const primary = tag.split("-")[0];
    if (isLanguageCode(primary)) return primary;
  }
  return undefined;
}

/** `lang` and `dir` attributes for an element holding text in `code`. */
export function textAttrs(code: LanguageCode): { lang: string; dir: Direction } {
  const l = getLanguage(code);
  return { lang: l.bcp47, dir: l.dir };
}
