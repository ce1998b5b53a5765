import { route } from "@/features/auth/server/route";
import { concordance, concordanceQuerySchema } from "@/features/tm/server/service";
import { searchParamsOrThrow } from "@/lib/api/page";

/** A page of the memory units whose source or target contains a word or phrase, newest first. */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db }) => {
    const query = concordanceQuerySchema.parse(searchParamsOrThrow(request.url));
    const page = await concordance(db, query);
    return Response.json({ units: page.items, next: page.next, prev: page.prev });
  },
});
