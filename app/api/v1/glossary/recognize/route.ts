import { readJson, route } from "@/features/auth/server/route";
import { recognizeTerms } from "@/features/glossary/server/recognition";
import { recognizeInputSchema } from "@/features/glossary/schemas";

/**
 * Glossary concepts found in a text, with UTF-16 offsets. Anonymous callers
 * get approved terms only; signed-in users see proposed terms too.
 */
export const POST = route({
  access: "public",
  handler: async ({ request, db, principal }) => {
    const { lang, text, concepts } = await readJson(request, recognizeInputSchema, 500_000);
    return Response.json({ matches: await recognizeTerms(db, lang, text, principal.kind === "user", concepts) });
  },
});
