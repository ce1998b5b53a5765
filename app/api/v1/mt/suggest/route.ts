import { bodyLang, readJson, route } from "@/features/auth/server/route";
import { uiLanguage } from "@/features/qa/server/check";
import { suggest, suggestInputSchema } from "@/features/mt/server/service";

const MAX_BYTES = 64_000;

/**
 * Machine-translation suggestions for one segment from every provider routed
 * to the target language, each checked against the glossary and the QA
 * checks. Stores nothing but the cache and usage counts: a suggestion becomes
 * a translation only when a person saves it.
 */
export const POST = route({
  access: "translation.edit",
  lang: bodyLang(MAX_BYTES, "targetLang"),
  handler: async ({ request, db }) => {
    const input = await readJson(request, suggestInputSchema, MAX_BYTES);
    return Response.json(await suggest(db, input, uiLanguage(request.headers)));
  },
});
