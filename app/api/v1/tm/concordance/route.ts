import { route } from "@/features/auth/server/route";
import { concordance, concordanceQuerySchema } from "@/features/tm/server/service";

/** Memory units whose source or target contains a word or phrase. */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db }) => {
    const query = concordanceQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json({ units: await concordance(db, query) });
  },
});
