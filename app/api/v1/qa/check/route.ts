import { readJson, route } from "@/features/auth/server/route";
import { qaCheckInputSchema } from "@/features/qa/schemas";
import { checkTranslation, uiLanguage } from "@/features/qa/server/check";

/**
 * Quality checks of one translation, with messages in the caller's UI
 * language. Stores nothing; the glossary checks use approved terms only.
 */
export const POST = route({
  access: "public",
  handler: async ({ request, db }) => {
    const input = await readJson(request, qaCheckInputSchema, 500_000);
    return Response.json(await checkTranslation(db, input, uiLanguage(request.headers)));
  },
});
