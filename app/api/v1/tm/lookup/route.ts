import { route } from "@/features/auth/server/route";
import { lookupTm, tmLookupQuerySchema } from "@/features/tm/server/service";

/** Translation-memory matches for a source text, best first (101 in context, 100 exact, then fuzzy). */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db }) => {
    const query = tmLookupQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await lookupTm(db, query));
  },
});
