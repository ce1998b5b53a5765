import { readJson, route } from "@/features/auth/server/route";
import { lookupSegment } from "@/features/glossary/server/recognition";
import { lookupInputSchema } from "@/features/glossary/schemas";

/** The glossary for a segment: concepts in the source, their target terms, and which the target uses. */
export const POST = route({
  access: "public",
  handler: async ({ request, db, principal }) => {
    const input = await readJson(request, lookupInputSchema, 500_000);
    return Response.json(await lookupSegment(db, input, principal.kind === "user"));
  },
});
