import { z } from "zod";
import { route } from "@/features/auth/server/route";
import { LANGUAGE_CODES, type LanguageCode } from "@/lib/i18n/languages";
import { uiLanguage } from "@/features/qa/server/check";
import { documentQaReport } from "@/features/qa/server/report";

const querySchema = z.object({ lang: z.enum(LANGUAGE_CODES as [string, ...string[]]) });

/** The QA report of a document in one language: every issue, with the segment it is on. */
export const GET = route<{ slug: string }>({
  access: "authenticated",
  handler: async ({ request, params, db }) => {
    const { lang } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await documentQaReport(db, params.slug, lang, uiLanguage(request.headers) as LanguageCode, { signal: request.signal }));
  },
});
