/** Pure helpers for the reader pages (no I/O). */
import { LANGUAGES, SOURCE_LANGUAGE, isLanguageCode, type LanguageCode } from "@/lib/i18n/languages";
import type { LanguageLink } from "./components/LanguageSwitcher";

/** Dates in the reader are shown in the newsroom's own time zone (Erbil). */
export const NEWSROOM_TIME_ZONE = "Asia/Baghdad";

/** Query parameter listing the translations shown beside the English. */
export const COMPARE_PARAM = "compare";

/**
 * The translations chosen for the parallel view, from `?compare=tr&compare=ru`
 * or `?compare=tr,ru`: known target languages only, in the table's order.
 */
export function parseCompare(value: string | string[] | undefined): LanguageCode[] {
  const raw = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(","));
  const chosen = new Set(raw.map((v) => v.trim()).filter(isLanguageCode));
  return LANGUAGES.map((l) => l.code).filter((c) => c !== SOURCE_LANGUAGE && chosen.has(c));
}

/** Query string for a parallel view of `langs` ("" when there is none). */
export function compareQuery(langs: readonly LanguageCode[]): string {
  if (langs.length === 0) return "";
  const q = new URLSearchParams();
  for (const l of langs) q.append(COMPARE_PARAM, l);
  return `?${q.toString()}`;
}

/** One link per language for the switcher (only `available` ones when given: a story's published editions), `hrefFor` building each URL. */
export function languageLinks(current: LanguageCode, hrefFor: (code: LanguageCode) => string, available?: readonly LanguageCode[]): LanguageLink[] {
  return LANGUAGES.filter((l) => !available || available.includes(l.code)).map((l) => ({
    code: l.code,
    href: hrefFor(l.code),
    nativeName: l.nativeName,
    lang: l.bcp47,
    dir: l.dir,
    current: l.code === current,
  }));
}

/** First path segment of the anonymous, cached reader routes (app/(cached)/[lang]/reader-cache). */
export const CACHED_READER_SEGMENT = "reader-cache";
const CURSOR = /^[A-Za-z0-9_-]{1,2000}$/;

/**
 * The cached route that serves a public reader URL to an anonymous reader, or
 * undefined when the URL is no reader page (or has a query the cached pages
 * don't take: those go to the per-request page, which answers them). Story
 * list: `/{lang}` (`?after=`/`?before=` a page cursor); story:
 * `/{lang}/stories/{slug}` (`?compare=` the parallel view).
 */
export function cachedReaderPath(pathname: string, search: URLSearchParams): string | undefined {
  const parts = pathname.split("/");
  const lang = parts[1];
  if (!isLanguageCode(lang)) return undefined;
  const keys = new Set(search.keys());
  if (parts.length === 2 || (parts.length === 3 && parts[2] === "")) {
    if (keys.size === 0) return `/${lang}/${CACHED_READER_SEGMENT}/list/-`;
    if (keys.size > 1 || search.getAll([...keys][0]!).length > 1) return undefined;
    const [key] = keys;
    const cursor = search.get(key!)!;
    return (key === "after" || key === "before") && CURSOR.test(cursor) ? `/${lang}/${CACHED_READER_SEGMENT}/list/${key}.${cursor}` : undefined;
  }
  if (parts.length === 4 && parts[2] === "stories" && /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/.test(parts[3]!)) {
    if ([...keys].some((k) => k !== COMPARE_PARAM)) return undefined;
    const compare = parseCompare(search.getAll(COMPARE_PARAM));
    return `/${lang}/${CACHED_READER_SEGMENT}/story/${parts[3]}/${compare.length > 0 ? compare.join(".") : "-"}`;
  }
  return undefined;
}

/** The list query a cached list route stands for (`-`, `after.{cursor}`, `before.{cursor}`). */
export function listQueryOf(segment: string): Record<string, string> {
  const dot = segment.indexOf(".");
  if (dot < 0) return {};
  return { [segment.slice(0, dot)]: segment.slice(dot + 1) };
}
