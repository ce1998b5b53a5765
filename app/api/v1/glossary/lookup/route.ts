import { readJson, route } from "@/features/auth/server/route";
import { chargeCompute } from "@/lib/api/throttle";
import { lookupSegment } from "@/features/glossary/server/recognition";
import { lookupInputSchema } from "@/features/glossary/schemas";

/** The glossary for a segment: concepts in the source, their target terms, and which the target uses. Rate-limited per client (lib/api/throttle.ts). */
export const POST = route({
  access: "public",
  handler: async ({ request, db, principal, ip }) => {
    const input = await readJson(request, lookupInputSchema, 500_000);
    chargeCompute({ userId: principal.kind === "user" ? principal.userId : null, ip }, input.source.length + input.target.length);
    return Response.json(await lookupSegment(db, input, principal.kind === "user", { signal: request.signal }));
  },
});
