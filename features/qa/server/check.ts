import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { DEFAULT_LANGUAGE, isLanguageCode, negotiateLanguage, type LanguageCode } from "@/lib/i18n/languages";
import { getT } from "@/lib/i18n/server";
import { lookupSegment } from "@/features/glossary/server/recognition";
import { runChecks } from "../registry";
import { issueMessage } from "../messages";
import type { QaCheckOutput } from "../schemas";

/** Same cookie as proxy.ts (LANGUAGE_COOKIE): the language the reader last used. */
const LANGUAGE_COOKIE = "lang";

/** The caller's UI language: the `lang` cookie, then Accept-Language, then English. */
export function uiLanguage(headers: Headers): LanguageCode {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`))
    ?.slice(LANGUAGE_COOKIE.length + 1);
  if (isLanguageCode(cookie)) return cookie;
  return negotiateLanguage(headers.get("accept-language")) ?? DEFAULT_LANGUAGE;
}

/**
 * Every issue of one translation, with messages in `uiLang`. The glossary
 * checks enforce approved terms only, whoever asks (proposals are not rules yet).
 */
export async function checkTranslation(
  db: Kysely<Database>,
  input: { sourceLang: string; targetLang: string; source: string; target: string },
  uiLang: LanguageCode,
): Promise<QaCheckOutput> {
  const glossary = input.target.trim() ? await lookupSegment(db, input, false) : null;
  const issues = runChecks({ ...input, glossary });
  const t = getT(uiLang, "qa");
  return {
    issues: issues.map((i) => ({
      check: i.check,
      severity: i.severity,
      message: issueMessage(t, i),
      start: i.start,
      end: i.end,
      ...(i.sourceStart === undefined ? {} : { sourceStart: i.sourceStart, sourceEnd: i.sourceEnd }),
    })),
  };
}
