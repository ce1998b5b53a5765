import { route } from "@/features/auth/server/route";
import { fragmentsQuerySchema, fragmentsTm } from "@/features/tm/server/service";

/** Runs of four or more words of a text that occur in the memory, with the units they occur in (automatic concordance). */
export const GET = route({
  access: "authenticated",
  handler: async ({ request, db }) => {
    const query = fragmentsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await fragmentsTm(db, query));
  },
});
