import { readJson, route } from "@/features/auth/server/route";
import { chargeCompute } from "@/lib/api/throttle";
import { qaCheckInputSchema } from "@/features/qa/schemas";
import { checkTranslation, uiLanguage } from "@/features/qa/server/check";

/**
 * Quality checks of one translation, with messages in the caller's UI
 * language. Stores nothing; the glossary checks use approved terms only.
 * Rate-limited per client (lib/api/throttle.ts).
 */
export const POST = route({
  access: "public",
  handler: async ({ request, db, principal, ip }) => {
    const input = await readJson(request, qaCheckInputSchema, 500_000);
    chargeCompute({ userId: principal.kind === "user" ? principal.userId : null, ip }, input.source.length + input.target.length);
    return Response.json(await checkTranslation(db, input, uiLanguage(request.headers), { signal: request.signal }));
  },
});
