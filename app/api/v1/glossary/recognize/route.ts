import { readJson, route } from "@/features/auth/server/route";
import { chargeCompute } from "@/lib/api/throttle";
import { recognizeTerms } from "@/features/glossary/server/recognition";
import { recognizeInputSchema } from "@/features/glossary/schemas";

/**
 * Glossary concepts found in a text, with UTF-16 offsets. Anonymous callers
 * get approved terms only; signed-in users see proposed terms too.
 * Rate-limited per client (lib/api/throttle.ts).
 */
export const POST = route({
  access: "public",
  handler: async ({ request, db, principal, ip }) => {
    const { lang, text, concepts } = await readJson(request, recognizeInputSchema, 500_000);
    chargeCompute({ userId: principal.kind === "user" ? principal.userId : null, ip }, text.length);
    return Response.json({ matches: await recognizeTerms(db, lang, text, principal.kind === "user", concepts, { signal: request.signal }) });
  },
});
