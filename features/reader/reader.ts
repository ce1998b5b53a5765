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
